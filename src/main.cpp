// The herald binary: everything lives in herald::app so tests can link it; this file only dispatches.
#include "herald/app/commands.hpp"

int main(int argc, char** argv) { return herald::app::main_dispatch(argc, argv); }
