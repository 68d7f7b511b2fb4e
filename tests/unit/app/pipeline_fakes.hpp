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
    int produce(std::string_view topic, std::string_view key, std::string_view value, const kafka::Header* headers,
                size_t n_headers, int64_t, void* opaque) override {
        if (!answers.empty()) {
            const int err = answers.front();
            answers.pop_front();
            if (err != 0) return err;
        }
        Sent s{std::string(topic), std::string(key), std::string(value), {}, opaque};
        for (size_t i = 0; i < n_headers; ++i) s.headers.emplace_back(headers[i].name, headers[i].value);
        sent.push_back(std::move(s));
        return 0;
    }
    int fatal_error(std::string& reason) const override {
        if (fatal) reason = "fenced";
        return fatal;
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
    kafka::Producer::TxnError error = kafka::Producer::TxnError::none;
    bool init(int, std::string& e) override {
        steps.push_back("init");
        if (!init_ok) e = "no coordinator";
        return init_ok;
    }
    bool begin(std::string& e) override {
        steps.push_back("begin");
        if (!begin_ok) e = "fenced";
        return begin_ok;
    }
    bool commit(const std::vector<kafka::TopicPartition>& offsets, std::string& e) override {
        steps.push_back("commit");
        bool ok = true;
        if (!commit_results.empty()) {
            ok = commit_results.front();
            commit_results.pop_front();
        }
        if (ok) committed = offsets;
        else e = "coordinator moved";
        return ok;
    }
    bool abort(int, std::string& e) override {
        steps.push_back("abort");
        if (!abort_ok) e = "fatal";
        return abort_ok;
    }
    kafka::Producer::TxnError last_error() const override { return error; }
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
