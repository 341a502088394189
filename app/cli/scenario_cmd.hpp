// asyncscope-cli list | validate | run: the scenario commands.
#pragma once

namespace asyncscope::cli {

int runListCommand(int argc, char** argv);
int runValidateCommand(int argc, char** argv);
int runRunCommand(int argc, char** argv);

}  // namespace asyncscope::cli
