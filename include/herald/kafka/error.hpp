#pragma once
// A librdkafka error as a value: its code, what the caller may do about it (retry, abort the
// transaction, give the client up), and one line for the log; without rdkafka.h. A default
// Error is "no error" and costs nothing: produce returns one per message.
//
//   kafka::Error e = producer.produce(msg);
//   if (e.refuses_one_message()) dead_letter(msg);           // too large, bad timestamp: the rest goes on
//   else if (e) stop(e.message());
//   kafka::Error t = producer.commit_transaction(60000);
//   if (t.retriable()) again(); else if (t.txn_requires_abort()) abort(); else if (t.fatal()) give_up();
#include <string>
#include <utility>

namespace herald::kafka {

class Error {
public:
    struct Flags {
        bool retriable = false;           // the same call may succeed if made again
        bool fatal = false;               // the client can no longer work (fenced, ...)
        bool txn_requires_abort = false;  // the open transaction must be aborted
    };

    Error() = default;
    // A bare rd_kafka_resp_err_t (produce, a delivery report): flags follow from the code.
    explicit Error(int code);
    Error(int code, Flags flags, std::string text) : code_(code), flags_(flags), text_(std::move(text)) {}

    int code() const { return code_; }  // 0, or the rd_kafka_resp_err_t
    explicit operator bool() const { return code_ != 0; }
    bool retriable() const { return flags_.retriable; }
    bool fatal() const { return flags_.fatal; }
    bool txn_requires_abort() const { return flags_.txn_requires_abort; }

    // The producer's queue is full: serve delivery reports and try again.
    bool queue_full() const;
    // The message was purged from the producer's queue (purge_outstanding, an aborted transaction).
    bool purged() const;
    // The producer or a broker refused this one message (too large, bad timestamp), not the
    // producer or the brokers: the rest goes on.
    bool refuses_one_message() const;
    // The topic takes no message from this client (unknown, not authorized, an invalid name):
    // trying the same topic again does not help; another topic or configuration would.
    bool refuses_topic() const;
    // One line: the call's own text when there is one, else librdkafka's name for the code.
    std::string message() const;

private:
    int code_ = 0;
    Flags flags_;
    std::string text_;
};

}  // namespace herald::kafka
