/* The multi-thread scheduler's parking protocol, as a Promela model for Spin.
 *
 * What it checks: no task is left in the global (inject) queue, or in the
 * local queue of a worker that is free to run it, while every thread waits
 * (the lost wake-up). Spin explores every interleaving of W workers and one
 * thread outside the runtime that pushes E tasks to the global queue; tasks
 * may spawn a child (SPAWNS in all) and may block their worker forever (a
 * poll that never returns, as a blocking call does; at most W - 1 do).
 * tests/model/CMakeLists.txt runs it with W = 2 (three threads with the
 * outside one) in two settings; W = 3 is beyond what a CI machine explores
 * in minutes.
 *
 * A task that a worker has taken into its own local queue and that waits
 * there while that worker blocks is not a lost wake-up: only a searching
 * worker would take it, and as in Tokio nobody searches without a reason.
 * The check allows it; it does not allow a task left in the global queue.
 *
 * Each step names the line of engine/src it stands for ("worker.cpp:299").
 * Left out, each for its reason:
 *   - the LIFO slot: only its owner runs it (as in Tokio), so it is not work
 *     another worker could take; a spawn is modelled as the other branch of
 *     scheduleLocal (worker.cpp:151-157: pushLocal, then notifyParked);
 *   - timers, the driver role and the virtual clock's jump (worker.cpp:
 *     327-358): they only wake a parked worker earlier;
 *   - shutdown, the pause gate, and overflow of a 256-slot local queue.
 *
 * Memory model. A seq_cst fence is what the protocol relies on, so loads are
 * allowed to be stale the way C++ allows: a thread's writes to the protocol's
 * shared words (a queue's length, numSearching, numSleepers) may stay
 * invisible to the lock-free loads of other threads until that thread runs a
 * seq_cst fence, or until the Memory process below lets them through, in
 * any order and at any time. The thread itself always sees its own writes.
 * A read-modify-write always works on the latest value (it makes the hidden
 * writes to that word visible first), and state guarded by a mutex is exact
 * for whoever holds the mutex. This is weaker than x86 (where every locked
 * instruction is a full fence) and it is what the C++ standard promises.
 *
 * Mutants (each must make Spin report an assertion violation; see
 * tests/model/check.sh):
 *   -DMUTANT_NO_NOTIFY_IF_WORK_PENDING  worker.cpp:323 removed (the fix of
 *       the lost wake-up found by the stress tests, commit 3a2f7be)
 *   -DMUTANT_NO_NOTIFY_FENCE            runtime.cpp:119 removed
 *   -DMUTANT_NO_PARK_FENCE              worker.cpp:301 removed
 *   -DMUTANT_NO_FROM_SEARCHING_FENCE    worker.cpp:113 removed (the model
 *       found this one: the fence was missing until it was written)
 */

#ifndef W
#define W 2                  /* workers */
#endif
#ifndef E
#define E 3                  /* tasks the outside thread pushes */
#endif
#ifndef SPAWNS
#define SPAWNS 1             /* children spawned by tasks, in all */
#endif
#define BLOCKERS (W - 1)     /* polls that never return, in all */
#define EXT W                /* the outside thread's number */
#define NONE 255

/* ------------------------------------------------------------ memory ---- */
byte injectLen;              /* InjectQueue::m_len (runtime_impl.hpp:150) */
byte injectHid;              /* of those, pushes the outside thread has not made visible */
byte localLen[W];            /* LocalQueue length, as its owner sees it */
byte localHid[W];            /* of those, pushes its owner has not made visible */
byte numSearching;           /* Shared::numSearching */
bool srchHid[W];             /* w's last decrement of numSearching, not yet visible */
byte numSleepers;            /* Shared::numSleepers */
bool sleepHid[W];            /* w's increment of numSleepers, not yet visible */
bool isSleeper[W];           /* Shared::sleepers / isSleeper, guarded by idleMutex */
bool token[W];               /* Parker::m_notified (runtime_impl.hpp:98) */
bool idleMutex;              /* Shared::idleMutex */
byte spawnsLeft = SPAWNS;
byte blockersLeft = BLOCKERS;
bool blocked[W];             /* w is in a poll that never returns */
hidden byte i;               /* a loop counter, used only inside d_step */


/* std::atomic_thread_fence(std::memory_order_seq_cst): this thread's writes
 * become visible to every thread. */
inline fence(me) {
    d_step {
        if
        :: me == EXT -> injectHid = 0
        :: else -> localHid[me] = 0; srchHid[me] = false; sleepHid[me] = false
        fi
    }
}

/* An RMW on numSearching / numSleepers sees (and so publishes) every write
 * to it before. */
inline publishSearching() {
    i = 0;
    do
    :: i < W -> srchHid[i] = false; i++
    :: else -> break
    od
}
inline publishSleepers() {
    i = 0;
    do
    :: i < W -> sleepHid[i] = false; i++
    :: else -> break
    od
}

/* A lock-free load of numSearching by thread `me`: another thread's hidden
 * decrement reads as not yet done. */
inline loadSearching(me, v) {
    d_step {
        v = numSearching; i = 0;
        do
        :: i < W -> if :: i != me && srchHid[i] -> v++ :: else fi; i++
        :: else -> break
        od;
        i = 0
    }
}
inline loadSleepers(me, v) {
    d_step {
        v = numSleepers; i = 0;
        do
        :: i < W -> if :: i != me && sleepHid[i] -> v-- :: else fi; i++
        :: else -> break
        od;
        i = 0
    }
}

/* Shared::anyWork (runtime.cpp:153-158): the global queue's length, then
 * every local queue's, as thread `me` can see them. With stealing on (the
 * default), Shared::takeableWork (virtual_time.cpp:67-71) is the same. */
inline anyWork(me, r) {
    d_step {
        r = (injectLen - injectHid > 0); i = 0;
        do
        :: i < W ->
            if
            :: i == me && localLen[i] > 0 -> r = true
            :: i != me && localLen[i] - localHid[i] > 0 -> r = true
            :: else
            fi;
            i++
        :: else -> break
        od;
        i = 0
    }
}

/* Shared::notifyParked (runtime.cpp:117-136). */
inline notifyParked(me) {
#ifndef MUTANT_NO_NOTIFY_FENCE
    fence(me);                                            /* runtime.cpp:119 */
#endif
    loadSearching(me, v);                                 /* runtime.cpp:120 */
    if
    :: v == 0 ->
        loadSleepers(me, v);                              /* runtime.cpp:121 */
        if
        :: v > 0 ->
            /* runtime.cpp:123-133, under idleMutex. One step up to the
             * numSleepers decrement, a second for the numSearching
             * increment (with the mutex still held), which other threads
             * can see in between. */
            atomic {                      /* atomic, not d_step: the choice of sleeper is free */
                !idleMutex -> idleMutex = true;
                s = NONE;
                if                                        /* runtime.cpp:125 */
                :: numSearching == 0 ->
                    if                    /* sleepers.back(): any sleeper will do */
                    :: isSleeper[0] -> s = 0
                    :: isSleeper[1] -> s = 1
#if W > 2
                    :: isSleeper[2] -> s = 2
#endif
                    :: else
                    fi
                :: else
                fi;
                if
                :: s != NONE ->
                    isSleeper[s] = false;                 /* runtime.cpp:127-128 */
                    publishSleepers(); numSleepers--      /* runtime.cpp:129 */
                :: else -> idleMutex = false
                fi
            }
            if
            :: s != NONE ->
                d_step {
                    publishSearching(); numSearching++;   /* runtime.cpp:132 */
                    idleMutex = false
                }
                assert(numSearching <= W)
            :: else
            fi;
            if
            :: s != NONE -> token[s] = true               /* runtime.cpp:134: unpark */
            :: else
            fi
        :: else
        fi
    :: else
    fi
}

/* WorkerCore::popInjectBatch (worker.cpp:70-90). */
inline popInjectBatch() {
    v = injectLen - injectHid;                            /* worker.cpp:71 */
    if
    :: v > 0 ->
        want = v / W + 1;                                 /* worker.cpp:73 (the cap never binds) */
        d_step {                                          /* InjectQueue::popBatch, under its lock */
            if
            :: injectLen < want -> n = injectLen
            :: else -> n = want
            fi;
            injectLen = injectLen - n;
            if
            :: injectHid > injectLen -> injectHid = injectLen
            :: else
            fi
        }
        if
        :: n > 0 ->
            got = true;
            n--;
            do                                            /* worker.cpp:85: pushLocal, no wake */
            :: n > 0 -> d_step { localLen[me]++; localHid[me]++; n-- }
            :: else -> break
            od
        :: else
        fi
    :: else
    fi
}

/* WorkerCore::transitionFromSearching (worker.cpp:103-115). */
inline transitionFromSearching() {
    searching = false;                                    /* worker.cpp:104 */
    d_step {                                              /* worker.cpp:112 */
        publishSearching();
        last = (numSearching == 1);
        numSearching--;
        srchHid[me] = true
    }
    if
    :: last ->
#ifndef MUTANT_NO_FROM_SEARCHING_FENCE
        fence(me);                                        /* worker.cpp:113 */
#endif
        anyWork(me, work);                                /* worker.cpp:114 */
        if
        :: work -> notifyParked(me)
        :: else
        fi
    :: else
    fi
}

/* WorkerCore::stealWork (worker.cpp:117-135). */
inline stealWork() {
    if                                                    /* worker.cpp:120 -> 92-101 */
    :: searching -> may = true
    :: else ->
        loadSearching(me, v);                             /* worker.cpp:96 */
        if
        :: 2 * v >= W -> may = false                      /* worker.cpp:97 */
        :: else ->
            d_step { publishSearching(); numSearching++ } /* worker.cpp:98 */
            assert(numSearching <= W);
            searching = true;
            may = true
        fi
    fi;
    if
    :: may ->
        select (start : 0 .. W - 1);                      /* worker.cpp:121 */
        k = 0;
        do                                                /* worker.cpp:122-133 */
        :: k < W && !got ->
            victim = (start + k) % W;
            if
            :: victim != me ->
                d_step {                  /* LocalQueue::stealInto: half of what it sees, rounded up */
                    n = localLen[victim] - localHid[victim];
                    if
                    :: n > 0 ->
                        n = n - n / 2;
                        localLen[victim] = localLen[victim] - n;
                        got = true;
                        n--;
                        localLen[me] = localLen[me] + n;
                        localHid[me] = localHid[me] + n;
                        n = 0
                    :: else
                    fi
                }
            :: else
            fi;
            k++
        :: else -> break
        od;
        if
        :: !got -> popInjectBatch()                       /* worker.cpp:134 */
        :: else
        fi
    :: else
    fi
}

/* WorkerCore::park (worker.cpp:274-378), its unregister lambda (303-313). */
inline unregister() {
    d_step {
        !idleMutex;
        if
        :: isSleeper[me] ->
            isSleeper[me] = false;
            publishSleepers(); numSleepers--              /* worker.cpp:308 */
        :: else -> searching = true                       /* worker.cpp:311 */
        fi
    }
}

/* A task's poll (WorkerCore::runTask / pollTask): it may spawn a child
 * (Shared::schedule from a worker, runtime.cpp:94-106, into
 * scheduleLocal), and it returns, or blocks its worker for good. */
inline runTask() {
    if
    :: d_step { spawnsLeft > 0 -> spawnsLeft-- }
        d_step { localLen[me]++; localHid[me]++ }         /* worker.cpp:155 */
        notifyParked(me)                                  /* worker.cpp:156 */
    :: true
    fi;
    if
    :: d_step { blockersLeft > 0 -> blockersLeft--; blocked[me] = true }
end_blocked:
        false
    :: true
    fi
}

proctype Worker(byte me) {
    bool searching, got, last, work, may;
    byte v, s, n, k, want, start, victim;

loop:
    skip;
    d_step {      /* nothing carries over from one turn of the loop to the next */
        got = false; last = false; work = false; may = false;
        v = 0; s = 0; n = 0; k = 0; want = 0; start = 0; victim = 0
    }
    /* WorkerCore::run (worker.cpp:32-47) and nextTask (55-66): the local
     * queue, then a batch from the global queue. */
    d_step {
        if
        :: localLen[me] > 0 ->
            localLen[me]--;
            if
            :: localHid[me] > localLen[me] -> localHid[me] = localLen[me]
            :: else
            fi;
            got = true
        :: else
        fi
    }
    if
    :: !got -> popInjectBatch()
    :: else
    fi;
    if
    :: !got -> stealWork()                                /* worker.cpp:36 */
    :: else
    fi;
    if
    :: got ->
        if
        :: searching -> transitionFromSearching()         /* worker.cpp:38 */
        :: else
        fi;
        runTask()                                         /* worker.cpp:39 */
    :: else ->
        /* park() */
        if
        :: localLen[me] > 0 -> goto loop                  /* worker.cpp:275 */
        :: else
        fi;
        /* worker.cpp:279-288, the spin before sleeping, is left out: it
         * writes nothing, and returning from it is the same as a turn of
         * the loop that found the work. */
        d_step {                                          /* worker.cpp:290-295 */
            !idleMutex;
            isSleeper[me] = true;
            publishSleepers(); numSleepers++; sleepHid[me] = true
        }
        last = false;
        if                                                /* worker.cpp:296-300 */
        :: searching ->
            searching = false;
            d_step {
                publishSearching();
                last = (numSearching == 1);
                numSearching--;
                srchHid[me] = true
            }
        :: else
        fi;
#ifndef MUTANT_NO_PARK_FENCE
        fence(me);                                        /* worker.cpp:301 */
#endif
        anyWork(me, work);                                /* worker.cpp:317 */
        if
        :: work ->
            unregister();                                 /* worker.cpp:318 */
#ifndef MUTANT_NO_NOTIFY_IF_WORK_PENDING
            if
            :: last && !searching -> notifyParked(me)     /* worker.cpp:323 */
            :: else
            fi
#endif
        :: else ->
            /* worker.cpp:364: Parker::park, until a token */
end_parked:
            atomic { token[me] -> token[me] = false }
            unregister()                                  /* worker.cpp:377 */
        fi
    fi;
    goto loop
}

/* A thread outside the runtime (the interpreter starting tasks, a timer or
 * a blocking job waking one): Shared::pushInject (runtime.cpp:110-114). */
active proctype Outside() {
    byte v, s, pushed;
    do
    :: pushed < E ->
        d_step { injectLen++; injectHid++ }               /* InjectQueue::push */
        pushed++;
        notifyParked(EXT)                                 /* runtime.cpp:113 */
    :: else -> break
    od
}

/* Lets any hidden write through, one at a time, in any order. */
active proctype Memory() {
end:
    do
    :: d_step { injectHid > 0 -> injectHid-- }
    :: d_step { localHid[0] > 0 -> localHid[0]-- }
    :: d_step { localHid[1] > 0 -> localHid[1]-- }
    :: d_step { srchHid[0] -> srchHid[0] = false }
    :: d_step { srchHid[1] -> srchHid[1] = false }
    :: d_step { sleepHid[0] -> sleepHid[0] = false }
    :: d_step { sleepHid[1] -> sleepHid[1] = false }
#if W > 2
    :: d_step { localHid[2] > 0 -> localHid[2]-- }
    :: d_step { srchHid[2] -> srchHid[2] = false }
    :: d_step { sleepHid[2] -> sleepHid[2] = false }
#endif
    od
}

/* When no thread can move (every worker parked or in a poll that never
 * returns, the outside thread done), no task may wait where a free worker
 * could take it. */
active proctype Quiescent() {
    byte w;
    timeout ->
    assert(injectLen == 0);
    w = 0;
    do
    :: w < W -> assert(blocked[w] || localLen[w] == 0); w++
    :: else -> break
    od
}

init {
    byte w;
    atomic {
        w = 0;
        do
        :: w < W -> run Worker(w); w++
        :: else -> break
        od
    }
}
