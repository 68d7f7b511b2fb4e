/* C11 <threads.h> calls forwarded to pthreads, preloaded under ThreadSanitizer by scripts/sanitize.sh.
 *
 * Why: Debian 12's librdkafka creates its threads with thrd_create and locks with mtx_lock /
 * cnd_wait. Neither gcc 12's nor clang 14's TSan runtime intercepts the C11 functions, so TSan
 * never learns about librdkafka's threads (its allocator then crashes on them: SIGSEGV in
 * SizeClassAllocator64LocalCache on thread "rdk:main") nor about its locks. Forwarding them to
 * the pthread functions, which TSan does intercept, makes both visible. glibc implements the C11
 * types on top of the pthread ones with the same layout (mtx_t ~ pthread_mutex_t, cnd_t ~
 * pthread_cond_t, once_flag ~ pthread_once_t, thrd_t == pthread_t), so the casts are exact.
 *
 *   cc -shared -fPIC -O2 tests/sanitizers/tsan_c11_threads.c -o build-tsan/libtsan_c11_threads.so
 *   LD_PRELOAD=build-tsan/libtsan_c11_threads.so ctest --test-dir build-tsan -L unit
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <threads.h>

static int result(int pthread_status) {
    switch (pthread_status) {
        case 0: return thrd_success;
        case EBUSY: return thrd_busy;
        case ETIMEDOUT: return thrd_timedout;
        case ENOMEM: return thrd_nomem;
        default: return thrd_error;
    }
}

struct start {
    thrd_start_t func;
    void* arg;
};

static void* trampoline(void* p) {
    struct start s = *(struct start*)p;
    free(p);
    return (void*)(intptr_t)s.func(s.arg);
}

int thrd_create(thrd_t* thr, thrd_start_t func, void* arg) {
    struct start* s = malloc(sizeof *s);
    if (!s) return thrd_nomem;
    s->func = func;
    s->arg = arg;
    int rc = pthread_create((pthread_t*)thr, NULL, trampoline, s);
    if (rc != 0) free(s);
    return result(rc);
}

int thrd_join(thrd_t thr, int* res) {
    void* ret = NULL;
    int rc = pthread_join((pthread_t)thr, &ret);
    if (rc == 0 && res) *res = (int)(intptr_t)ret;
    return result(rc);
}

int thrd_detach(thrd_t thr) { return result(pthread_detach((pthread_t)thr)); }
thrd_t thrd_current(void) { return (thrd_t)pthread_self(); }
_Noreturn void thrd_exit(int res) { pthread_exit((void*)(intptr_t)res); }

int mtx_init(mtx_t* m, int type) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    if (type & mtx_recursive) pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    int rc = pthread_mutex_init((pthread_mutex_t*)m, &attr);
    pthread_mutexattr_destroy(&attr);
    return result(rc);
}
int mtx_lock(mtx_t* m) { return result(pthread_mutex_lock((pthread_mutex_t*)m)); }
int mtx_trylock(mtx_t* m) { return result(pthread_mutex_trylock((pthread_mutex_t*)m)); }
int mtx_timedlock(mtx_t* restrict m, const struct timespec* restrict ts) {
    return result(pthread_mutex_timedlock((pthread_mutex_t*)m, ts));
}
int mtx_unlock(mtx_t* m) { return result(pthread_mutex_unlock((pthread_mutex_t*)m)); }
void mtx_destroy(mtx_t* m) { pthread_mutex_destroy((pthread_mutex_t*)m); }

int cnd_init(cnd_t* c) { return result(pthread_cond_init((pthread_cond_t*)c, NULL)); }
int cnd_signal(cnd_t* c) { return result(pthread_cond_signal((pthread_cond_t*)c)); }
int cnd_broadcast(cnd_t* c) { return result(pthread_cond_broadcast((pthread_cond_t*)c)); }
int cnd_wait(cnd_t* c, mtx_t* m) { return result(pthread_cond_wait((pthread_cond_t*)c, (pthread_mutex_t*)m)); }
int cnd_timedwait(cnd_t* restrict c, mtx_t* restrict m, const struct timespec* restrict ts) {
    return result(pthread_cond_timedwait((pthread_cond_t*)c, (pthread_mutex_t*)m, ts));
}
void cnd_destroy(cnd_t* c) { pthread_cond_destroy((pthread_cond_t*)c); }

void call_once(once_flag* flag, void (*func)(void)) { pthread_once((pthread_once_t*)flag, func); }
