#pragma once
// What the pipeline's consumer-side modules (backpressure, the fetch-stall watch) ask of the
// consumer, as an interface: unit tests drive them with a fake, the pipeline with KafkaPartitionControl.
// Consumer thread only, like kafka::Consumer's own calls.
#include <cstdint>
#include <string>
#include <vector>

#include "herald/kafka/types.hpp"

namespace herald::kafka {
class Consumer;
}

namespace herald::app {

class PartitionControl {
public:
    virtual ~PartitionControl() = default;
    virtual void pause(const std::vector<kafka::TopicPartition>& tps) = 0;
    virtual void resume(const std::vector<kafka::TopicPartition>& tps) = 0;
    // tp.offset: kafka::kOffsetEnd or kOffsetBeginning in, the log's end or start out.
    virtual bool offsets_for_times(std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) = 0;
    // Asks the brokers for the topic's leaders now; leaders[p]: broker id or -1.
    virtual bool refresh_metadata(const std::string& topic, int timeout_ms, std::string& error,
                                  std::vector<int32_t>* leaders) = 0;
    // Out of the assignment and back at tp.offset: the partitions' fetchers start afresh.
    virtual bool restart_partitions(const std::vector<kafka::TopicPartition>& tps, int timeout_ms,
                                    std::string& error) = 0;
};

class KafkaPartitionControl final : public PartitionControl {
public:
    explicit KafkaPartitionControl(kafka::Consumer& consumer) : consumer_(consumer) {}
    void pause(const std::vector<kafka::TopicPartition>& tps) override;
    void resume(const std::vector<kafka::TopicPartition>& tps) override;
    bool offsets_for_times(std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) override;
    bool refresh_metadata(const std::string& topic, int timeout_ms, std::string& error,
                          std::vector<int32_t>* leaders) override;
    bool restart_partitions(const std::vector<kafka::TopicPartition>& tps, int timeout_ms,
                            std::string& error) override;

private:
    kafka::Consumer& consumer_;
};

}  // namespace herald::app
