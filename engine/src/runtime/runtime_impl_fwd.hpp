#pragma once
#include <asyncscope/task.hpp>
