#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace asyncscope;
using namespace asyncscope::test;

namespace {
Task<int> answer() { co_return 42; }
Task<int> addOne(int& ran) {
    ++ran;
    int v = co_await answer();
    co_return v + 1;
}
}  // namespace

TEST(Task, BlockOnReturnsValue) {
    Runtime rt(deterministic());
    int ran = 0;
    EXPECT_EQ(rt.blockOn(addOne(ran)), 43);
    EXPECT_EQ(ran, 1);
}
