/* A task's state word (TaskHeader::state), as a Promela model for Spin.
 *
 * Threads: two workers that poll the task whenever it is in the queue, a
 * waker (a resource holding the task's Waker), an aborter (JoinHandle::abort
 * from another task), and the joiner (the task holding the JoinHandle, which
 * may await it, give up awaiting, or drop it). Every compare-and-swap of
 * engine/include/asyncscope/task.hpp, join_handle.hpp, engine/src/task/
 * task.cpp and runtime.cpp is one atomic step here; the word is one atomic
 * object, so a step is exactly what its CAS can do.
 *
 * What it checks:
 *   - a task is never polled by two threads at once, and sits in at most one
 *     queue (scheduled at most once);
 *   - no lost wake-up: a wake that comes after a poll started is followed by
 *     another poll, unless the task completed;
 *   - an aborted task completes (cancelled), and no poll starts after the
 *     abort was seen;
 *   - references: never below zero, the task freed exactly once, only after
 *     its last use, and every reference it took on its joiner released;
 *   - a joiner that registered its waker is woken once the task completes
 *     (a joiner left waiting is an invalid end state).
 *
 * Mutants (each must make Spin report an error; see tests/model/check.sh):
 *   -DMUTANT_IDLE_IGNORES_NOTIFIED   transitionToIdle returns Ok although
 *                                     NOTIFIED was set during the poll
 *                                     (task.hpp:188)
 *   -DMUTANT_WAKE_RUNNING_SUBMITS     a wake of a running task schedules it
 *                                     (task.hpp:199-201)
 *   -DMUTANT_JOIN_NO_RECHECK          setJoinWaker sets JOIN_WAKER without
 *                                     looking for COMPLETE (join_handle.hpp:
 *                                     44-53)
 */

#define RUNNING        1
#define COMPLETE       2
#define NOTIFIED       4
#define CANCELLED      8
#define JOIN_INTEREST 16
#define JOIN_WAKER    32
#define FLAGS         63
#define REF_ONE       64
#define refs(s)       ((s) / REF_ONE)
#define has(s, f)     (((s) & (f)) != 0)

#define POLLS 3                    /* the task is ready at its third poll, at the latest */

/* task.hpp:143: NOTIFIED | JOIN_INTEREST and three references (the owned
 * list, the scheduler, the JoinHandle); a fourth is the waker the task gave
 * to a resource, a fifth the handle the aborter aborts through (it keeps
 * the task alive while it may still abort). */
int state = NOTIFIED | JOIN_INTEREST | 5 * REF_ONE;
chan queue = [2] of { bit };       /* a run queue; the task is in it at the start */
bool freed;                        /* TaskHeader::dealloc ran */
bool inPoll;
byte polls;                        /* polls started */
bool wakePending;                  /* a wake came after the last poll started */
bool aborted;                      /* abort() was called */
byte joinWaker;                    /* TaskHeader::joinWaker: 0 or the joiner (1) */
byte joinerRefs = 1;               /* the joiner's references: its own, and one per joinWaker */
byte joinerWoken;
bool wakerDone;                    /* the waker has made its last wake */

inline refDec() {                  /* task.hpp:158-164, and dealloc (task.cpp:88-92) */
    d_step {
        assert(!freed && refs(state) >= 1);
        state = state - REF_ONE;
        if
        :: refs(state) == 0 ->
            freed = true;
            if
            :: joinWaker != 0 -> joinWaker = 0; joinerRefs--
            :: else
            fi
        :: else
        fi
    }
}

inline schedule() {                /* Shared::schedule: into exactly one queue */
    assert(len(queue) == 0);
    queue!0
}

/* Shared::completeTask (runtime.cpp:160-180). */
inline completeTask() {
    d_step {
        assert(!freed);
        s = state;
        state = (s & ~(RUNNING | NOTIFIED)) | COMPLETE
    }
    if
    :: has(s, JOIN_WAKER) ->
        d_step {
            assert(joinWaker == 1);
            joinWaker = 0;
            if
            :: has(s, JOIN_INTEREST) -> joinerWoken++    /* runtime.cpp:175 */
            :: else
            fi;
            joinerRefs--                                  /* runtime.cpp:176 */
        }
    :: else
    fi;
    refDec()                                              /* runtime.cpp:179: the owned list's */
}

/* WorkerCore::pollTask (worker.cpp:204-272), after popping the task. */
proctype Worker() {
    int s;
    bool cancelled, ready;
end:
    do
    :: queue?_ ->
        d_step {                                          /* transitionToRunning, task.hpp:166-177 */
            assert(!freed);
            assert(has(state, NOTIFIED) && !has(state, RUNNING) && !has(state, COMPLETE));
            cancelled = has(state, CANCELLED);
            state = (state & ~NOTIFIED) | RUNNING;
            if
            :: !cancelled ->
                assert(!inPoll);
                inPoll = true;
                polls++;
                wakePending = false
            :: else
            fi
        }
        if
        :: cancelled ->                                   /* worker.cpp:223-228 */
            completeTask();                               /* cancelTask */
            refDec()
        :: else ->
            if                     /* the poll: ready, or pending while a wake may still come */
            :: ready = true
            :: polls < POLLS && !wakerDone -> ready = false
            fi;
            inPoll = false;
            if
            :: ready ->                                   /* worker.cpp:240-257 */
                completeTask();
                refDec()
            :: else ->
                d_step {                                  /* transitionToIdle, task.hpp:179-190 */
                    assert(!freed && has(state, RUNNING));
                    s = state;
                    if
                    :: has(s, CANCELLED) -> skip
                    :: else -> state = s & ~RUNNING
                    fi
                }
                if
                :: has(s, CANCELLED) ->                   /* worker.cpp:266-268 */
                    completeTask();
                    refDec()
#ifdef MUTANT_IDLE_IGNORES_NOTIFIED
                :: else -> refDec()
#else
                :: !has(s, CANCELLED) && has(s, NOTIFIED) ->
                    schedule()                            /* worker.cpp:264: the reference goes with it */
                :: else -> refDec()                       /* worker.cpp:263 */
#endif
                fi
            fi
        fi;
        s = 0; cancelled = false; ready = false
    od
}

/* A resource that holds the task's Waker: wake_by_ref at most once, then
 * wake_by_val, which consumes the reference. After that last wake, a poll
 * that would return Pending returns Ready instead, so that the task always
 * ends (a task left pending for good would end the run with nothing to
 * check). */
active proctype Waker() {
    int s;
    bool submit;
    if                                                    /* wakeByRefFrom, task.cpp:23-28 */
    :: d_step {                                           /* transitionToNotifiedByRef, task.hpp:193-209 */
           assert(!freed);
           s = state;
           submit = false;
           if
           :: !has(s, COMPLETE) -> wakePending = true
           :: else
           fi;
           if
           :: has(s, COMPLETE) || has(s, NOTIFIED) -> skip
#ifdef MUTANT_WAKE_RUNNING_SUBMITS
           :: else -> state = (s | NOTIFIED) + REF_ONE; submit = true
#else
           :: !has(s, COMPLETE | NOTIFIED) && has(s, RUNNING) -> state = s | NOTIFIED
           :: else -> state = (s | NOTIFIED) + REF_ONE; submit = true
#endif
           fi
       }
       if
       :: submit -> schedule()
       :: else
       fi
    :: true
    fi;
    if
    :: d_step {                                           /* wakeByVal, task.cpp:30-54 */
           assert(!freed);
           wakerDone = true;
           s = state;
           submit = false;
           if
           :: !has(s, COMPLETE) -> wakePending = true
           :: else
           fi;
           if
           :: has(s, COMPLETE) || has(s, NOTIFIED) -> state = s - REF_ONE
           :: !has(s, COMPLETE | NOTIFIED) && has(s, RUNNING) -> state = (s | NOTIFIED) - REF_ONE
           :: else -> state = s | NOTIFIED; submit = true /* our reference becomes the scheduler's */
           fi;
           if
           :: !submit && refs(state) == 0 ->
               freed = true;
               if
               :: joinWaker != 0 -> joinWaker = 0; joinerRefs--
               :: else
               fi
           :: else
           fi
       }
       if
       :: submit -> schedule()
       :: else
       fi
    fi
}

/* JoinHandle::abort from another task: abortTask (task.cpp:100-108). */
active proctype Aborter() {
    bool submit;
    if
    :: d_step {                                           /* transitionToNotifiedAndCancel, task.hpp:212-230 */
           assert(!freed);
           aborted = true;
           submit = false;
           if
           :: has(state, COMPLETE) || has(state, CANCELLED) -> skip
           :: !has(state, COMPLETE | CANCELLED) && has(state, RUNNING) ->
               state = state | CANCELLED | NOTIFIED
           :: !has(state, COMPLETE | CANCELLED | RUNNING) && has(state, NOTIFIED) ->
               state = state | CANCELLED
           :: else -> state = (state | CANCELLED | NOTIFIED) + REF_ONE; submit = true
           fi
       }
       if
       :: submit -> schedule()
       :: else
       fi
    :: true                                               /* nobody aborts */
    fi;
    refDec()                                              /* the handle goes */
}

/* The task holding the JoinHandle. */
active proctype Joiner() {
    int s;
    bool registered, own, wait;
    if
    :: /* await the handle: JoinHandle::Awaiter::pollOperation, which calls
        * setJoinWaker (join_handle.hpp:21-54) */
        d_step { assert(!freed); s = state }
        if
        :: has(s, COMPLETE) -> registered = false         /* join_handle.hpp:23 */
        :: else ->
            d_step { joinerRefs++; joinWaker = 1 }        /* join_handle.hpp:40-41 */
#ifdef MUTANT_JOIN_NO_RECHECK
            d_step { state = state | JOIN_WAKER }
            registered = true
#else
            d_step {                                      /* join_handle.hpp:44-53 */
                assert(!freed);
                if
                :: has(state, COMPLETE) ->
                    joinWaker = 0; joinerRefs--; registered = false
                :: else ->
                    state = state | JOIN_WAKER; registered = true
                fi
            }
#endif
        fi;
        if
        :: registered ->
            if
            :: wait = true                                /* waits to be woken */
            :: wait = false                               /* or the await is cancelled first */
            fi;
            if
            :: wait -> (joinerWoken > 0); assert(has(state, COMPLETE))
            :: else
            fi
        :: else -> assert(has(state, COMPLETE))
        fi
    :: true                                               /* never awaits */
    fi;
    /* dropJoinHandle (join_handle.hpp:56-68) */
    d_step {
        assert(!freed);
        s = state;
        own = !has(s, COMPLETE) && has(s, JOIN_WAKER);
        state = s & ~JOIN_INTEREST;
        if
        :: own -> state = state & ~JOIN_WAKER; joinWaker = 0; joinerRefs--
        :: else
        fi
    }
    refDec()
}

/* When nothing can move: the checks on the final state. */
active proctype Quiescent() {
    timeout ->
    assert(has(state, COMPLETE));                         /* the task ended */
    assert(freed);                                        /* every reference was dropped */
    assert(joinerRefs == 1);                              /* the joiner keeps only its own */
    assert(joinerWoken <= 1);
    assert(!wakePending || has(state, COMPLETE));         /* no lost wake-up */
    assert(!aborted || has(state, COMPLETE));             /* an abort ends the task */
}

init {
    atomic {
        queue!0;                                          /* spawned: scheduled once */
        run Worker();
        run Worker()
    }
}
