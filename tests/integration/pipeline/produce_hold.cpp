// Preloaded into `herald run` by integration_exactly_once_abort_race (LD_PRELOAD): holds one
// produce call inside librdkafka, after the call passed its transaction-state check and before it
// queues the message, which is where a worker preempted under load sat when herald aborted the
// transaction in CI. The hold point is the call's first write lock (rd_kafka_topic_new0 takes the
// handle's lock right after rd_kafka_produceva's check). The hold ends when a transaction abort has
// returned or after HERALD_HOLD_MS (default 7500) milliseconds, whichever comes first.
//
//   HERALD_HOLD_ARM=FILE   armed once FILE exists: the next produce call is held (once)
//   HERALD_HOLD_MS=MS      the longest hold
// Prints "produce-hold: holding a produce call" and "produce-hold: released (REASON)" on stderr.
//
// Built without sanitizers; the wrapped calls go on to the next definition (a sanitizer's
// interceptor or the library's own), so the sanitizers still see every lock.
#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace {

using ProduceFn = void* (*)(void*, const void*, size_t);
using AbortFn = void* (*)(void*, int);
using WrlockFn = int (*)(pthread_rwlock_t*);

ProduceFn real_produceva = nullptr;
AbortFn real_abort = nullptr;
WrlockFn real_wrlock = nullptr;

thread_local bool in_produce = false;
std::atomic<int> hold_state{0};  // 0: not yet, 1: holding, 2: done
std::atomic<int> aborts_returned{0};

__attribute__((constructor)) void resolve() {
    real_produceva = reinterpret_cast<ProduceFn>(dlsym(RTLD_NEXT, "rd_kafka_produceva"));
    real_abort = reinterpret_cast<AbortFn>(dlsym(RTLD_NEXT, "rd_kafka_abort_transaction"));
    real_wrlock = reinterpret_cast<WrlockFn>(dlsym(RTLD_NEXT, "pthread_rwlock_wrlock"));
}

bool armed() {
    const char* path = std::getenv("HERALD_HOLD_ARM");
    return path && access(path, F_OK) == 0;
}

void hold() {
    const char* ms_text = std::getenv("HERALD_HOLD_MS");
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms_text ? std::atoi(ms_text) : 7500);
    const int aborts_before = aborts_returned.load();
    std::fprintf(stderr, "produce-hold: holding a produce call\n");
    bool aborted = false;
    while (!(aborted = aborts_returned.load() > aborts_before) && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::fprintf(stderr, "produce-hold: released (%s)\n", aborted ? "a transaction abort returned" : "time");
    hold_state.store(2);
}

}  // namespace

extern "C" {

void* rd_kafka_produceva(void* rk, const void* vus, size_t cnt) {
    in_produce = true;
    void* error = real_produceva(rk, vus, cnt);
    in_produce = false;
    return error;
}

void* rd_kafka_abort_transaction(void* rk, int timeout_ms) {
    void* error = real_abort(rk, timeout_ms);
    if (!error) aborts_returned.fetch_add(1);
    return error;
}

int pthread_rwlock_wrlock(pthread_rwlock_t* lock) noexcept {
    if (!real_wrlock) resolve();  // a lock taken before this library's constructor ran
    if (in_produce && hold_state.load() == 0 && armed()) {
        int expected = 0;
        if (hold_state.compare_exchange_strong(expected, 1)) hold();
    }
    return real_wrlock(lock);
}

}  // extern "C"
