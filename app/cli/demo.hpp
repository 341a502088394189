#pragma once
namespace asyncscope::cli {
int runDemo(int argc, char** argv);
}
