// asyncscope-cli render: the runtime view at one instant, without a display.
#pragma once

namespace asyncscope::cli {

int runRenderCommand(int argc, char** argv);

}  // namespace asyncscope::cli
