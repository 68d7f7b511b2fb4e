// Message without a broker: an empty (default or moved-from) Message answers every accessor
// safely, and ownership moves with the object.
#include <doctest/doctest.h>

#include "herald/kafka/message.hpp"

using herald::kafka::Header;
using herald::kafka::Message;

TEST_CASE("an empty Message is a safe null message") {
    Message m;
    CHECK_FALSE(m.valid());
    CHECK(m.error() == 0);
    CHECK(m.error_string().empty());
    CHECK(m.topic().empty());
    CHECK(m.partition() == -1);
    CHECK(m.offset() == herald::kafka::kOffsetInvalid);
    CHECK(m.key().empty());
    CHECK_FALSE(m.has_key());
    CHECK(m.payload().empty());
    CHECK(m.is_null());
    CHECK(m.timestamp_ms() == -1);
    std::string_view value = "untouched";
    CHECK_FALSE(m.header("x", value));
    CHECK(value == "untouched");
    CHECK(m.header_count() == 0);
    Header h;
    CHECK_FALSE(m.header_at(0, h));
    CHECK(m.release() == nullptr);
}

TEST_CASE("Messages move, never copy") {
    static_assert(!std::is_copy_constructible_v<Message>);
    static_assert(std::is_nothrow_move_constructible_v<Message>);
    static_assert(std::is_nothrow_move_assignable_v<Message>);
    std::vector<Message> batch;
    batch.emplace_back();
    batch.emplace_back();
    Message taken = std::move(batch[0]);
    CHECK_FALSE(taken.valid());
    batch.clear();
}
