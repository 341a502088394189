/* The async Mutex's lock / unlock / cancel protocol, as a Promela model for
 * Spin, in both modes: fair hand-off (the default) and barging (-DBARGING).
 *
 * Threads: NT tasks (3 by default), each doing ITERS times (3 by default)
 * `co_await m.lock()`, a critical section, and the guard's unlock. A task
 * is a thread of its own: the first poll of its LockAwaiter, then, while it
 * is pending, it waits for a wake (wakeByVal: the flag `runnable`) and polls
 * again. Tasks 0 .. ABORTABLE - 1 (2 by default) may instead be aborted at
 * any time while pending (queued, or woken / handed the lock but not yet
 * polled): the poll is then the LockAwaiter's destructor, Mutex::cancel
 * (sync.cpp:257-258, 229-250), and the task ends. A poll is never cut in
 * two: a task is polled by one worker at a time, and an abort takes effect
 * at its next poll (pollOnce). Aborting only some of the tasks is no loss:
 * the tasks are identical, and an abortable task may also never be aborted.
 * Cancelling a task that holds the guard is an ordinary unlock, and is not
 * modelled apart.
 *
 * Every CAS, fetch_and and store on m_state is one atomic step; a CAS loop
 * is one step per attempt, or a single step where each failed attempt only
 * reloads the word (the loop then decides on the latest value). m_lock, the
 * spin lock, is the variable `mlock`; the wait list (q, qlen) and a node's
 * queued / done / retry fields are guarded by it, so a region under m_lock
 * that touches m_state once is one step (nothing outside m_lock can tell
 * the acquire from that access), and a region that touches it more often is
 * one step per access. The wait list is the array q, head first.
 * Memory order: the model is sequentially consistent. Every write to
 * m_state but two stores under m_lock (sync.cpp:153, 158, made when only
 * LOCKED | HAS_WAITERS can be set and only the holder, who stores, may
 * change them) is a read-modify-write, which works on the latest value.
 * The relaxed loads either feed a CAS that checks them (sync.cpp:77, 100,
 * 168, 181 in the CAS loop), or decide to take the slow path on a value
 * the word had since the thread's last access to it (77, 168: the same as
 * an interleaving with the load a little earlier), or are read for STARVING
 * under m_lock (181), which only ever changes under m_lock and so is exact.
 * Starvation is time-based in the code (waited longer than 1 ms); here it is
 * a free choice where the code computes it: in enqueue, for a barging waiter
 * back from a lost retry (sync.cpp:96-97), and in wakeNextLocked's starving
 * hand-off, whether the waiters left still starve (sync.cpp:195-196). That
 * covers every timing.
 *
 * What it checks:
 *   - mutual exclusion: the ghost `owner` is the task the protocol gave the
 *     lock to (by a CAS that set LOCKED, or by a hand-off); nobody takes the
 *     lock while someone owns it, a task enters its critical section only
 *     as the owner, and only the owner releases;
 *   - the state word agrees with the tasks, in every state (the Monitor):
 *     LOCKED is set exactly while somebody owns the lock; STARVING only
 *     while LOCKED (sync.cpp:92 relies on it); outside m_lock, HAS_WAITERS
 *     exactly while the wait list is not empty, and WOKEN exactly while one
 *     waiter has been woken to retry (barging) and has neither retried nor
 *     been cancelled;
 *   - no lost wake-up, no deadlock: every task that is not aborted finishes
 *     (a task left waiting for a wake is a timeout with unfinished tasks);
 *   - at the end: the word is 0 (not locked, no waiters, no WOKEN, no
 *     STARVING), the wait list empty, m_lock free;
 *   - fair mode, FIFO hand-off: nobody takes the lock by a CAS while a waiter
 *     is queued (no barging), so an unlock with waiters passes it to the
 *     head waiter, which is the next task in the critical section (or, if it
 *     was aborted before its poll, its cancel passes the lock on in turn).
 *
 * Sizes checked (tests/model/CMakeLists.txt), in both modes: NT = 3 tasks
 * locking ITERS = 3 times each, two of them abortable (fair: 0.5 million
 * states, about a second; barging: 5.3 million states, 5 to 8 s and
 * 0.9 GB), and NT = 4 tasks locking once each, two abortable (up to three
 * waiters queued; 0.4 million states at most). NT = 4 with ITERS = 2,
 * barging, takes 64 million states, 100 s and 3.5 GB: beyond a CI check.
 * Spurious polls (a poll with the node not yet done, sync.cpp:270) are left
 * out: they change nothing.
 *
 * The model differs from engine/src/sync/sync.cpp (as of commit 936eb8e) at
 * one line, where the model found a bug in the code: wakeNextLocked, called
 * by cancel for a woken waiter gone before its retry (sync.cpp:240-241,
 * only when the word it got has LOCKED clear: `holding` is false), computes
 * next = s & ~(LOCKED | STARVING) at every turn of its CAS loop
 * (sync.cpp:209). If a task takes the lock by
 * tryLockBarging (sync.cpp:79, no m_lock) between cancel's fetch_and
 * (sync.cpp:240) and that CAS (sync.cpp:216), the CAS fails, reloads s with
 * LOCKED set, and the next turn clears that LOCKED: the lock reads free
 * while its holder is in its critical section, and the next tryLock takes
 * it too. The model keeps LOCKED when not holding (next = s; STARVING is
 * clear then, as it is only set while LOCKED and only under m_lock, which
 * cancel holds); the code as it is, is the mutant
 * MUTANT_CANCEL_CLEARS_BARGERS_LOCK. (Giving up without a wake when the
 * reloaded s has LOCKED set, the barger's unlock then waking the head,
 * passes the same checks.)
 *
 * Mutants (each must make Spin report an error; see tests/model/check.sh).
 * The Monitor catches each first; in brackets, what catches it without the
 * Monitor: a deadlock (a task never woken), two owners, or a dirty end.
 * Fair mode:
 *   -DMUTANT_FAIR_RELEASE_WITH_WAITERS  unlock clears LOCKED whatever the
 *       other bits (a fetch_and(~LOCKED) for the CAS of sync.cpp:139-144),
 *       so an unlock with waiters frees the lock and wakes nobody (deadlock)
 *   -DMUTANT_HANDOFF_FREES              the hand-off to the last waiter
 *       stores 0 instead of LOCKED (sync.cpp:158) (two owners)
 *   -DMUTANT_CANCEL_NO_PASS_ON          a waiter handed the lock and
 *       aborted before its poll does not unlock (sync.cpp:249 removed)
 *       (the lock held at the end)
 * Barging mode (with -DBARGING):
 *   -DMUTANT_CANCEL_WOKEN_KEEPS_TURN    cancel of a waiter woken to retry,
 *       before it retried, neither clears WOKEN nor wakes the next
 *       (sync.cpp:238-241 removed) (WOKEN left at the end)
 *   -DMUTANT_RETRY_KEEPS_WOKEN          the retrying waiter never clears
 *       WOKEN (sync.cpp:276 removed) (WOKEN left at the end)
 *   -DMUTANT_WAKE_CLEARS_HAS_WAITERS    waking the head to retry clears
 *       HAS_WAITERS even when others still wait (sync.cpp:212's condition)
 *       (deadlock)
 *   -DMUTANT_STARVING_NO_HANDOFF        the starving unlock frees the lock
 *       and wakes the head to retry instead of handing over, leaving
 *       STARVING set (sync.cpp:193-206) (STARVING left at the end)
 *   -DMUTANT_STARVING_HANDOFF_FREES     the starving hand-off clears LOCKED
 *       with the other bits (sync.cpp:197-199) (two owners)
 *   -DMUTANT_CANCEL_CLEARS_BARGERS_LOCK the code as it is: wakeNextLocked
 *       clears LOCKED in every attempt of its CAS loop, also when called by
 *       cancel without holding the lock (sync.cpp:209) (two owners)
 */

#ifndef NT
#define NT 3                 /* tasks */
#endif
#ifndef ITERS
#define ITERS 3              /* lock / unlock rounds per task */
#endif
#ifndef ABORTABLE
#define ABORTABLE 2          /* tasks 0 .. ABORTABLE - 1 may be aborted */
#endif

#define LOCKED       1       /* sync.hpp:126-129 */
#define HAS_WAITERS  2
#define WOKEN        4
#define STARVING     8
#define NONE       255
#if NT < 2 || NT > 4
#error "NT: 2 to 4 tasks (see `retrying`)"
#endif
#define has(s, f)    (((s) & (f)) != 0)

#ifdef BARGING
#define BUSY LOCKED          /* sync.cpp:93 */
#else
#define BUSY 255
#endif

byte state;                  /* Mutex::m_state */
bool mlock;                  /* Mutex::m_lock */
byte q[NT];                  /* Mutex::m_waiters, head first, NONE past qlen */
byte qlen;
bool queued[NT];             /* task t's Waiter: WaitNode::queued */
bool done[NT];               /*                  WaitNode::done */
bool retry[NT];              /*                  Waiter::retry */
bool since[NT];              /*                  Waiter::since >= 0 (barging) */
bool runnable[NT];           /* a wake of task t that its next poll consumes */
byte owner = NONE;           /* ghost: the task that owns the lock */
byte finished;               /* tasks done, aborted or not */
hidden byte j;               /* a loop counter, used only inside d_step */

/* ------------------------------------------------------- wait list ---- */
inline pushBack(t) {                          /* WaitList::pushBack */
    q[qlen] = t; qlen++; queued[t] = true
}
inline pushFront(t) {                         /* WaitList::pushFront */
    j = qlen;
    do
    :: j > 0 -> q[j] = q[j - 1]; j--
    :: else -> break
    od;
    q[0] = t; qlen++; queued[t] = true
}
inline removeQ(t) {                           /* WaitList::remove */
    j = 0;
    do
    :: j < qlen && q[j] != t -> j++
    :: else -> break
    od;
    assert(j < qlen);
    do
    :: j + 1 < qlen -> q[j] = q[j + 1]; j++
    :: else -> break
    od;
    qlen--;
    q[qlen] = NONE;
    queued[t] = false;
    j = 0
}

/* The ghost owner: taken by a CAS that set LOCKED, released by one that
 * cleared it, passed on by a hand-off. */
inline take() {
    assert(owner == NONE);
    owner = me
}

/* ------------------------------------------------------------ lock ---- */
/* Mutex::tryLock (sync.cpp:62-73) and tryLockBarging (76-87). */
inline tryLock() {
#ifdef BARGING
    d_step {
        if
        :: !has(state, LOCKED | STARVING) -> state = state | LOCKED; take(); got = true
        :: else -> got = false
        fi
    }
#else
    d_step {
        if
        :: state == 0 -> state = LOCKED; take(); assert(qlen == 0); got = true
        :: else -> got = false
        fi
    }
#endif
}

/* Mutex::enqueue (sync.cpp:89-132). */
inline enqueue(front) {
    starved = false;
#ifdef BARGING
    if                                        /* sync.cpp:96-97 */
    :: since[me] -> if :: starved = true :: starved = false fi
    :: else
    fi;
#endif
    d_step {                                  /* sync.cpp:99-124, under m_lock */
        !mlock;
        if
        :: !has(state, BUSY) ->               /* sync.cpp:102-106 */
            state = state | LOCKED; take();
#ifndef BARGING
            assert(qlen == 0);
#endif
            got = true
        :: else ->                            /* sync.cpp:111-121 */
            state = state | HAS_WAITERS;
            if
            :: starved -> state = state | STARVING
            :: else
            fi;
            if
            :: front -> pushFront(me)
            :: else -> pushBack(me)
            fi;
#ifdef BARGING
            since[me] = true;                 /* sync.cpp:116 */
#endif
            got = false
        fi
    }
    starved = false
}

/* ---------------------------------------------------------- unlock ---- */
#ifndef BARGING
/* Mutex::unlock, fair (sync.cpp:134-165). */
inline unlock() {
    d_step {                                  /* sync.cpp:137-144 */
        assert(owner == me);
#ifdef MUTANT_FAIR_RELEASE_WITH_WAITERS
        state = state & ~LOCKED; owner = NONE; ok = true
#else
        if
        :: state == LOCKED -> state = 0; owner = NONE; ok = true
        :: else -> ok = false
        fi
#endif
    }
    if
    :: !ok ->
        d_step {                              /* sync.cpp:146-161, under m_lock */
            !mlock;
            assert(owner == me);
            if
            :: qlen == 0 ->                   /* sync.cpp:149-155 */
                owner = NONE; state = 0; wake = NONE
            :: else ->
                wake = q[0]; removeQ(wake);   /* sync.cpp:148 */
                if
#ifdef MUTANT_HANDOFF_FREES
                :: qlen == 0 -> state = 0
#else
                :: qlen == 0 -> state = LOCKED    /* sync.cpp:157-158 */
#endif
                :: else
                fi;
                owner = wake;                 /* sync.cpp:159-160 */
                done[wake] = true
            fi
        }
        if
        :: wake != NONE -> runnable[wake] = true; wake = NONE   /* sync.cpp:164 */
        :: else
        fi
    :: else
    fi;
    ok = false
}
#else

/* Mutex::wakeNextLocked (sync.cpp:190-227), under m_lock, with `s` the
 * word as the caller loaded it and `n` the head of the list (NONE if it is
 * empty); `holding` is a constant at each call. Sets `wake`. */
inline wakeNextLocked(holding) {
    if
    :: has(s, STARVING) && holding && n != NONE ->  /* sync.cpp:193-206 */
        if                                    /* sync.cpp:195-196 */
        :: qlen > 1 -> if :: still = true :: still = false fi
        :: else -> still = false
        fi;
        d_step {
            removeQ(n);                       /* sync.cpp:194 */
            assert(owner == me);
#if defined(MUTANT_STARVING_NO_HANDOFF)
            state = state & ~LOCKED; owner = NONE;
            retry[n] = true; done[n] = true
#else
            nx = 0;
            if :: qlen == 0 -> nx = HAS_WAITERS :: else fi;
            if :: !still -> nx = nx | STARVING :: else fi;
#ifdef MUTANT_STARVING_HANDOFF_FREES
            nx = nx | LOCKED;
#endif
            state = state & ~nx;              /* sync.cpp:197-199 */
            owner = n;                        /* sync.cpp:200-202 */
            retry[n] = false; done[n] = true
#endif
        }
        wake = n;
        still = false
    :: else ->
        do                                    /* sync.cpp:207-217, one CAS a turn */
        :: d_step {
               if
               :: holding -> nx = s & ~(LOCKED | STARVING)
#ifdef MUTANT_CANCEL_CLEARS_BARGERS_LOCK
               :: else -> nx = s & ~(LOCKED | STARVING)     /* sync.cpp:209, as it is */
#else
               :: else -> nx = s                /* a barger's LOCKED stays (sync.cpp:209 fixed) */
#endif
               fi;
               if
               :: n != NONE && !has(s, WOKEN) ->           /* sync.cpp:210-212 */
                   nx = nx | WOKEN;
#ifdef MUTANT_WAKE_CLEARS_HAS_WAITERS
                   nx = nx & ~HAS_WAITERS
#else
                   if :: qlen == 1 -> nx = nx & ~HAS_WAITERS :: else fi
#endif
               :: n == NONE -> nx = nx & ~HAS_WAITERS       /* sync.cpp:213-214 */
               :: else
               fi;
               if
               :: state == s ->
                   state = nx; ok = true;
                   if                                     /* sync.cpp:218-221 */
                   :: holding -> assert(owner == me); owner = NONE
                   :: else
                   fi;
                   if                                     /* sync.cpp:222-226 */
                   :: n != NONE && !has(s, WOKEN) ->
                       removeQ(n); retry[n] = true; done[n] = true; wake = n
                   :: else
                   fi
               :: else -> s = state; ok = false            /* the CAS failed: reload */
               fi;
               nx = 0
           }
           if
           :: ok -> break
           :: else
           fi
        od;
        ok = false
    fi
}

/* Mutex::unlockBarging (sync.cpp:167-184). */
inline unlock() {
    d_step {                                  /* sync.cpp:168-177 */
        assert(owner == me);
        s = state;
        if
        :: !has(s, STARVING) && (!has(s, HAS_WAITERS) || has(s, WOKEN)) ->
            state = s & ~LOCKED; owner = NONE; ok = true
        :: else -> ok = false
        fi;
        s = 0
    }
    if
    :: !ok ->
        d_step {                              /* sync.cpp:180-181 */
            !mlock; mlock = true;
            s = state;
            if :: qlen > 0 -> n = q[0] :: else -> n = NONE fi
        }
        wakeNextLocked(true);
        mlock = false;                        /* sync.cpp:182 */
        if
        :: wake != NONE -> runnable[wake] = true   /* sync.cpp:183 */
        :: else
        fi;
        d_step { s = 0; n = NONE; wake = NONE }
    :: else
    fi;
    ok = false
}
#endif

/* ---------------------------------------------------------- cancel ---- */
/* LockAwaiter::~LockAwaiter (sync.cpp:257-259): Mutex::cancel(node, false)
 * (sync.cpp:229-250). */
inline cancel() {
    d_step {                                  /* sync.cpp:233 */
        !mlock;
        drop = false; woke = false; wake = NONE;
        if
        :: queued[me] ->                      /* sync.cpp:234-237 */
            removeQ(me);
            if
            :: qlen == 0 -> state = state & ~HAS_WAITERS
            :: else
            fi;
            drop = true
        :: !queued[me] && done[me] && retry[me] ->  /* sync.cpp:238-240 */
            woke = true;                      /* node.retry, from here on */
            done[me] = false; retry[me] = false;
#ifndef MUTANT_CANCEL_WOKEN_KEEPS_TURN
            state = state & ~WOKEN;
            s = state;
            if                                /* sync.cpp:241: keeps m_lock */
            :: !has(s, LOCKED) ->
                mlock = true;
                if :: qlen > 0 -> n = q[0] :: else -> n = NONE fi
            :: else
            fi
#else
            s = LOCKED
#endif
        :: else
        fi
    }
#ifdef BARGING
    if
    :: woke && !has(s, LOCKED) ->
        wakeNextLocked(false);                /* sync.cpp:241 */
        mlock = false
    :: else
    fi;
#endif
    if
    :: wake != NONE -> runnable[wake] = true  /* sync.cpp:245 */
    :: else
    fi;
    if
    :: drop || wake != NONE || woke -> skip  /* sync.cpp:246 */
    :: else ->
        assert(done[me]);                     /* pending and not queued: granted */
#ifndef MUTANT_CANCEL_NO_PASS_ON
        unlock()                              /* sync.cpp:249 */
#endif
    fi;
    d_step {                                  /* the node is gone */
        done[me] = false; retry[me] = false; since[me] = false;
        s = 0; n = NONE; wake = NONE; drop = false; woke = false
    }
}

/* ------------------------------------------------------------ task ---- */
proctype Task(byte me) {
    byte it, s, nx, n = NONE, wake = NONE;
    bool got, starved, still, ok, drop, woke;

    do
    :: it < ITERS ->
        /* co_await m.lock(): LockAwaiter::pollOperation's first poll
         * (sync.cpp:262-268) */
        tryLock();
        if
        :: !got -> enqueue(false)
        :: else
        fi;
        do
        :: got -> break
        :: else ->
            /* pending: a wake, then the next poll (sync.cpp:270-281) */
            if
            :: atomic { runnable[me] -> runnable[me] = false }
                if
                :: !done[me]                  /* sync.cpp:270: never, as wakes come after done */
                :: done[me] && !retry[me] -> got = true    /* sync.cpp:271: handed over */
                :: done[me] && retry[me] ->   /* barging: woken to retry */
                    d_step {                  /* sync.cpp:274-276 */
                        retry[me] = false; done[me] = false;
#ifndef MUTANT_RETRY_KEEPS_WOKEN
                        state = state & ~WOKEN
#endif
                    }
                    tryLock();                /* sync.cpp:277 */
                    if
                    :: !got -> enqueue(true)
                    :: else
                    fi
                fi
            :: me < ABORTABLE ->
                /* aborted instead (sync.cpp:257-258) */
                cancel();
                goto aborted
            fi
        od;
        /* the critical section (the LockAwaiter is gone after await_resume) */
        assert(owner == me);
        d_step { got = false; done[me] = false; since[me] = false }
        unlock();                             /* MutexGuard::unlock (sync.cpp:58-60) */
        it++
    :: else -> break
    od;
aborted:
    finished++
}

/* Waiters woken to retry that have neither retried nor been cancelled. */
#define woken(t) (done[t] && retry[t] -> 1 : 0)
#if NT == 2
#define retrying (woken(0) + woken(1))
#elif NT == 3
#define retrying (woken(0) + woken(1) + woken(2))
#else
#define retrying (woken(0) + woken(1) + woken(2) + woken(3))
#endif

/* The state word agrees with the tasks in every state. */
active proctype Monitor() {
end:
    atomic {
        ((owner != NONE) != has(state, LOCKED)) ||
        (has(state, STARVING) && !has(state, LOCKED)) ||
        (!mlock && (has(state, HAS_WAITERS) != (qlen > 0))) ||
        (!mlock && has(state, WOKEN) && retrying != 1) ||
        (!mlock && !has(state, WOKEN) && retrying != 0) ->
        assert(false)
    }
}

/* When nothing can move: every task finished, and the mutex is clean. */
active proctype Final() {
    timeout ->
    assert(finished == NT);
    assert(state == 0);
    assert(qlen == 0 && owner == NONE && !mlock)
}

init {
    byte t;
    atomic {
        t = 0;
        do
        :: t < NT -> q[t] = NONE; t++
        :: else -> break
        od;
        t = 0;
        do
        :: t < NT -> run Task(t); t++
        :: else -> break
        od
    }
}
