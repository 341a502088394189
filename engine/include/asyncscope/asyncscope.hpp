// Everything of the engine's public API in one include.
#pragma once

#include <asyncscope/blocking.hpp>
#include <asyncscope/channel.hpp>
#include <asyncscope/config.hpp>
#include <asyncscope/event.hpp>
#include <asyncscope/join_handle.hpp>
#include <asyncscope/runtime.hpp>
#include <asyncscope/sync.hpp>
#include <asyncscope/task.hpp>
#include <asyncscope/task_group.hpp>
#include <asyncscope/time.hpp>
