#pragma once
// Fakes of the producer side for the pipeline's unit tests: an outbox that records messages and
// answers with scripted errors, and transactions that record their steps.
#include <deque>
#include <string>
#include <vector>

#include "herald/app/pipeline/outbox.hpp"

namespace herald::test {

struct Sent {
    std::string topic, key, value;
    std::vector<std::pair<std::string, std::string>> headers;
    void* opaque = nullptr;
};

class FakeOutbox : public app::Outbox {
public:
    std::vector<Sent> sent;
    std::deque<int> answers;  // errors to return, in order, before accepting (0)
    int fatal = 0;
    size_t full_waits = 0;  // queue-full answers a blocking produce waited out
    std::vector<kafka::WhenFull> asked;  // what each produce call asked for a full queue
    kafka::Error produce(const kafka::OutgoingMessage& m, kafka::WhenFull when_full) override {
        asked.push_back(when_full);
        while (!answers.empty()) {
            const kafka::Error e(answers.front());
            answers.pop_front();
            if (e.queue_full() && when_full != kafka::WhenFull::fail) {
                ++full_waits;  // the real producer waits for room and tries again
                continue;
            }
            if (e) return e;
            break;
        }
        Sent s{std::string(m.topic), std::string(m.key), std::string(m.value), {}, m.opaque};
        for (const kafka::Header& h : m.headers) s.headers.emplace_back(h.name, h.value);
        sent.push_back(std::move(s));
        return {};
    }
    kafka::Error fatal_error() const override {
        if (!fatal) return {};
        return kafka::Error(fatal, {false, true, false}, "fenced");
    }
    std::string header(size_t i, const std::string& name) const {
        for (const auto& [n, v] : sent.at(i).headers)
            if (n == name) return v;
        return {};
    }
};

class FakeTransactions : public app::Transactions {
public:
    std::vector<std::string> steps;
    std::vector<kafka::TopicPartition> committed, seeks;
    std::deque<bool> commit_results;  // true when empty
    bool init_ok = true, begin_ok = true, abort_ok = true;
    kafka::Error::Flags failure;  // the flags of every failed step
    kafka::Error fail(const char* why) const { return kafka::Error(1, failure, why); }
    kafka::Error init(int) override {
        steps.push_back("init");
        return init_ok ? kafka::Error() : fail("no coordinator");
    }
    kafka::Error begin() override {
        steps.push_back("begin");
        return begin_ok ? kafka::Error() : fail("fenced");
    }
    kafka::Error commit(const std::vector<kafka::TopicPartition>& offsets) override {
        steps.push_back("commit");
        bool ok = true;
        if (!commit_results.empty()) {
            ok = commit_results.front();
            commit_results.pop_front();
        }
        if (!ok) return fail("coordinator moved");
        committed = offsets;
        return {};
    }
    kafka::Error abort(int) override {
        steps.push_back("abort");
        return abort_ok ? kafka::Error() : fail("fatal");
    }
    void purge() override {}
    bool seek(const std::vector<kafka::TopicPartition>& tps, int, std::string&) override {
        steps.push_back("seek");
        seeks = tps;
        return true;
    }
    std::string joined() const {
        std::string out;
        for (const auto& s : steps) out += (out.empty() ? "" : ",") + s;
        return out;
    }
};

}  // namespace herald::test
