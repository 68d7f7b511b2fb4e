#pragma once
// One owner for every librdkafka object herald creates (internal): each is a unique_ptr whose
// deleter is the object's destroy function, so no path (early return, exception) leaks one and
// none is destroyed twice. A handle left to the process exit on purpose is release()d, with a
// comment saying why.
//
//   QueuePtr queue(rd_kafka_queue_new(rk));
//   EventPtr ev(rd_kafka_queue_poll(queue.get(), 100));
//   if (ev && rd_kafka_event_type(ev.get()) == RD_KAFKA_EVENT_OFFSET_COMMIT) ...
#include <librdkafka/rdkafka.h>

#include <memory>

#include "herald/kafka/types.hpp"  // ClientPtr, the client handle's owner

namespace herald::kafka::detail {

template <auto Destroy>
struct Destroyer {
    template <class T>
    void operator()(T* p) const {
        Destroy(p);
    }
};
template <class T, auto Destroy>
using Owned = std::unique_ptr<T, Destroyer<Destroy>>;

using ConfPtr = Owned<rd_kafka_conf_t, rd_kafka_conf_destroy>;
using QueuePtr = Owned<rd_kafka_queue_t, rd_kafka_queue_destroy>;
using EventPtr = Owned<rd_kafka_event_t, rd_kafka_event_destroy>;
using TopicPtr = Owned<rd_kafka_topic_t, rd_kafka_topic_destroy>;
using HeadersPtr = Owned<rd_kafka_headers_t, rd_kafka_headers_destroy>;
using GroupMetadataPtr = Owned<rd_kafka_consumer_group_metadata_t, rd_kafka_consumer_group_metadata_destroy>;
using ErrorPtr = Owned<rd_kafka_error_t, rd_kafka_error_destroy>;
using ListPtr = Owned<rd_kafka_topic_partition_list_t, rd_kafka_topic_partition_list_destroy>;
using MetadataPtr = Owned<const rd_kafka_metadata_t, rd_kafka_metadata_destroy>;

}  // namespace herald::kafka::detail
