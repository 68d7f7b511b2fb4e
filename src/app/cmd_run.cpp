// `herald run`: the streaming engine against a Kafka cluster.
#include <cstdio>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/resources.hpp"
#include "herald/app/rules_source.hpp"
#include "herald/app/run_options.hpp"

namespace herald::app {

int command_run(int argc, char** argv, int first) {
    CommandSpec spec{"run",
                     "herald run --brokers HOST:PORT --rules FILE [options]",
                     "The streaming engine: a member of consumer group --group reading --input-topic, publishing\n"
                     "alerts to --alerts-topic and bad messages to --dlq-topic. SIGINT/SIGTERM drain, commit and\n"
                     "exit 0; SIGHUP (or saving the rules file) reloads the rules.",
                     {
                         {"brokers", "LIST", "Kafka bootstrap servers", ""},
                         {"input-topic", "TOPIC", "news events", "news"},
                         {"alerts-topic", "TOPIC", "where alerts are published", "alerts"},
                         {"dlq-topic", "TOPIC", "where bad messages go, with herald-error headers", "news.dlq"},
                         {"group", "ID", "consumer group", "herald"},
                         {"rules", "FILE", "rules file (YAML); reloaded on SIGHUP and on change", ""},
                         {"shadow-rules", "FILE",
                          "candidate rules evaluated beside --rules on the same events, their alerts published to "
                          "--shadow-topic only; reloaded like --rules; a bad file or a failing shadow topic never "
                          "stops or changes the live alerts", ""},
                         {"shadow-topic", "TOPIC", "where shadow alerts go (with --shadow-rules)", "alerts.shadow"},
                         {"shadow-producer", "KEY=VALUE",
                          "librdkafka property for the shadow producer only, after --kafka/--producer (repeatable)", ""},
                         {"print-alerts", "", "print each alert the broker acknowledged on stdout, as published "
                          "(one JSON line)", ""},
                     },
                     false};
    for (auto& opt : engine_options()) spec.options.push_back(opt);
    for (auto& opt : log_options()) spec.options.push_back(opt);
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (!o.has("brokers")) throw UsageError("herald run: --brokers HOST:PORT is required (or `brokers:` in --config)");
    if (!o.has("rules")) throw UsageError("herald run: --rules FILE is required (or `rules:` in --config)");

    EngineSetup setup;
    setup.pipeline.brokers = o.get("brokers");
    setup.pipeline.input_topic = o.get("input-topic", "news");
    setup.pipeline.alerts_topic = o.get("alerts-topic", "alerts");
    setup.pipeline.dlq_topic = o.get("dlq-topic", "news.dlq");
    setup.pipeline.group = o.get("group", "herald");
    setup.pipeline.exit_after_run = true;  // herald run exits when the pipeline stops
    apply_engine_options(o, setup);
    if (o.has("shadow-rules")) {
        setup.shadow_rules.emplace(o.get("shadow-rules"), RulesFile::real(), RulesSource::Sink{}, "shadow rules");
        setup.pipeline.shadow_topic = o.get("shadow-topic", "alerts.shadow");
        setup.pipeline.shadow_producer_properties = o.shadow_producer;
    } else if (o.has("shadow-topic") || !o.shadow_producer.empty()) {
        throw UsageError("herald run: --shadow-topic and --shadow-producer need --shadow-rules FILE");
    }
    validate_topics(setup.pipeline);
    setup.rules.emplace(o.get("rules"));
    setup.rules->load_or_throw("herald run");
    if (o.has("print-alerts")) setup.pipeline.on_alert = [](const AlertNotice& n) { print_alert(n, true); };
    return run_engine(setup);
}

}  // namespace herald::app
