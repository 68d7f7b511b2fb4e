#pragma once
// The `herald` subcommands (README.md "Commands", docs/contracts.md). Each takes the full argv and the index of
// its first own argument, prints its errors as one line on stderr and returns the exit code:
// 0 ok, 1 runtime failure, 2 usage or configuration error.
//
//   int main(int argc, char** argv) { return herald::app::main_dispatch(argc, argv); }

namespace herald::app {

// Records the errno of a failed write to stdout (the dispatcher's one-line report names it).
void note_output_error(int error);

int main_dispatch(int argc, char** argv);
int command_run(int argc, char** argv, int first);
int command_demo(int argc, char** argv, int first);
int command_broker(int argc, char** argv, int first);
int command_analyze(int argc, char** argv, int first);
int command_rules(int argc, char** argv, int first);
int command_replay(int argc, char** argv, int first);
int command_backtest(int argc, char** argv, int first);
int command_notify(int argc, char** argv, int first);
int command_console(int argc, char** argv, int first);

}  // namespace herald::app
