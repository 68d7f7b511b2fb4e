#pragma once
// Umbrella header: everything in herald::kafka.
#include "herald/kafka/consumer.hpp"
#include "herald/kafka/embedded_broker.hpp"
#include "herald/kafka/error.hpp"
#include "herald/kafka/message.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/kafka/reader.hpp"
#include "herald/kafka/types.hpp"
