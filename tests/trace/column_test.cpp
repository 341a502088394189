// Column: a recording's column, std::vector-like, mapped and grown in place
// once it passes Column::kMapBytes.
#include <asyncscope/trace/column.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <span>

namespace asyncscope::trace {
namespace {

constexpr std::size_t kPastTheMap = Column<std::uint64_t>::kMapBytes / sizeof(std::uint64_t) * 3;

TEST(Column, KeepsEveryValueWhileItGrowsFromTheHeapIntoAMappingAndOnInPlace) {
    Column<std::uint64_t> c;
    for (std::uint64_t i = 0; i < kPastTheMap; ++i) c.push_back(i * 7 + 1);
    ASSERT_EQ(c.size(), kPastTheMap);
    EXPECT_GE(c.capacity(), kPastTheMap);
    EXPECT_GE(c.reservedBytes(), kPastTheMap * sizeof(std::uint64_t));
    EXPECT_EQ(c.reservedBytes() % 4096, 0u);  // mapped: whole pages
    for (std::uint64_t i = 0; i < kPastTheMap; ++i) ASSERT_EQ(c[i], i * 7 + 1) << "at " << i;
    EXPECT_EQ(c.front(), 1u);
    EXPECT_EQ(c.back(), (kPastTheMap - 1) * 7 + 1);
    const std::span<const std::uint64_t> s = c;
    EXPECT_EQ(s.size(), kPastTheMap);
    EXPECT_EQ(s.data(), c.data());
}

TEST(Column, ResizeForOverwriteGrowsBySlabsThatTheCallerFills) {
    Column<std::uint8_t> c;
    std::size_t n = 0;
    for (int round = 0; round < 40; ++round) {
        const std::size_t add = 100'000 + static_cast<std::size_t>(round);
        c.resizeForOverwrite(n + add);
        for (std::size_t i = 0; i < add; ++i) c[n + i] = static_cast<std::uint8_t>((n + i) % 251);
        n += add;
    }
    ASSERT_EQ(c.size(), n);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(c[i], i % 251) << "at " << i;
}

TEST(Column, CopiesAreDeepMovesTakeTheMemoryAndClearKeepsIt) {
    Column<std::uint32_t> a;
    for (std::uint32_t i = 0; i < kPastTheMap; ++i) a.push_back(i);
    Column<std::uint32_t> b = a;
    b[5] = 99;
    EXPECT_EQ(a[5], 5u);
    EXPECT_EQ(b.size(), a.size());
    EXPECT_EQ(b[kPastTheMap - 1], kPastTheMap - 1);

    const std::uint32_t* data = a.data();
    Column<std::uint32_t> c = std::move(a);
    EXPECT_EQ(c.data(), data);
    EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(a.capacity(), 0u);

    const std::size_t cap = c.capacity();
    c.clear();
    EXPECT_TRUE(c.empty());
    EXPECT_EQ(c.capacity(), cap);
    c.push_back(42);
    EXPECT_EQ(c.data(), data);
    EXPECT_EQ(c[0], 42u);

    Column<std::uint32_t> small;
    small.push_back(1);
    small = b;  // heap column takes a mapped one's copy
    EXPECT_EQ(small.size(), b.size());
    EXPECT_EQ(small[5], 99u);
    b = Column<std::uint32_t>{};
    EXPECT_TRUE(b.empty());
}

TEST(Column, ReserveMakesRoomWithoutChangingTheSize) {
    Column<std::uint16_t> c;
    c.push_back(3);
    c.reserve(kPastTheMap);
    EXPECT_EQ(c.size(), 1u);
    EXPECT_GE(c.capacity(), kPastTheMap);
    EXPECT_EQ(c[0], 3u);
    const std::uint16_t* data = c.data();
    for (std::size_t i = 1; i < kPastTheMap; ++i) c.push_back(static_cast<std::uint16_t>(i));
    EXPECT_EQ(c.data(), data);  // no growth past what was reserved
}

}  // namespace
}  // namespace asyncscope::trace
