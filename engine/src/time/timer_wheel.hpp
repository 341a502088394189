// Hierarchical timing wheel (the structure of Tokio's time driver).
//
// Design note
// -----------
// 6 levels of 64 slots; a slot of level l spans 64^l ticks. An entry with
// deadline `when` lives at the level of the most significant 6-bit digit in
// which `when` differs from `elapsed` (the last tick processed), in the slot
// given by that digit of `when`. Hence every entry at level l shares all
// digits above l with `elapsed`, and every entry of a lower level is due
// before any entry of a higher level: the next expiration is the first
// occupied slot (found with a rotate + count-trailing-zeros on the level's
// occupancy mask) of the lowest non-empty level.
//
// Processing an expiration moves `elapsed` to the slot's start and re-inserts
// each of its entries: those now due fire, the others drop to a lower level.
// Deadlines past the horizon (64^6 ticks) are clamped to it.
//
// Not thread-safe: the runtime guards it with one lock.
#pragma once

#include <asyncscope/time.hpp>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <optional>

namespace asyncscope::detail {

class TimerWheel {
public:
    static constexpr unsigned kLevels = 6;
    static constexpr unsigned kSlotBits = 6;
    static constexpr unsigned kSlots = 1u << kSlotBits;
    static constexpr std::uint64_t kMaxDuration = (std::uint64_t{1} << (kSlotBits * kLevels)) - 1;

    std::uint64_t elapsed() const noexcept { return m_elapsed; }
    std::size_t size() const noexcept { return m_count; }
    bool empty() const noexcept { return m_count == 0; }

    // Returns false when `e.tick` is already due (nothing inserted).
    bool insert(TimerEntry& e) noexcept {
        if (e.tick <= m_elapsed) return false;
        e.tick = std::min(e.tick, m_elapsed + kMaxDuration);
        link(e);
        ++m_count;
        return true;
    }

    void remove(TimerEntry& e) noexcept {
        unlink(e);
        --m_count;
    }

    // The tick at which the next slot must be processed, if any.
    std::optional<std::uint64_t> nextExpiration() const noexcept {
        for (unsigned l = 0; l < kLevels; ++l) {
            if (auto d = levelNext(l)) return d;
        }
        return std::nullopt;
    }

    // The earliest deadline of any entry (exact, unlike nextExpiration).
    std::optional<std::uint64_t> earliestDeadline() const noexcept {
        for (unsigned l = 0; l < kLevels; ++l) {
            if (m_levels[l].occupied == 0) continue;
            unsigned slot = levelNextSlot(l);
            std::uint64_t best = UINT64_MAX;
            for (TimerEntry* e = m_levels[l].slots[slot]; e; e = e->next)
                best = std::min(best, e->tick);
            return best;
        }
        return std::nullopt;
    }

    // Fires every entry due at or before `now`; `fire(entry)` is called with
    // the entry already unlinked.
    template <class Fire>
    void advance(std::uint64_t now, Fire&& fire) noexcept {
        while (m_count > 0) {
            std::optional<unsigned> level;
            std::uint64_t deadline = 0;
            for (unsigned l = 0; l < kLevels; ++l) {
                if (auto d = levelNext(l)) {
                    level = l;
                    deadline = *d;
                    break;
                }
            }
            if (!level || deadline > now) break;
            processSlot(*level, deadline, fire);
        }
        m_elapsed = std::max(m_elapsed, now);
    }

private:
    struct Level {
        std::uint64_t occupied = 0;
        TimerEntry* slots[kSlots] = {};
        TimerEntry* tails[kSlots] = {};
    };

    static unsigned levelFor(std::uint64_t elapsed, std::uint64_t when) noexcept {
        std::uint64_t masked = (elapsed ^ when) | (kSlots - 1);
        unsigned significant = 63u - static_cast<unsigned>(std::countl_zero(masked));
        return std::min(significant / kSlotBits, kLevels - 1);
    }

    unsigned levelNextSlot(unsigned l) const noexcept {
        unsigned nowSlot = static_cast<unsigned>((m_elapsed >> (l * kSlotBits)) & (kSlots - 1));
        std::uint64_t occ = std::rotr(m_levels[l].occupied, static_cast<int>(nowSlot));
        return (static_cast<unsigned>(std::countr_zero(occ)) + nowSlot) & (kSlots - 1);
    }

    std::optional<std::uint64_t> levelNext(unsigned l) const noexcept {
        if (m_levels[l].occupied == 0) return std::nullopt;
        unsigned slot = levelNextSlot(l);
        std::uint64_t slotRange = std::uint64_t{1} << (l * kSlotBits);
        std::uint64_t levelRange = slotRange << kSlotBits;
        std::uint64_t levelStart = m_elapsed & ~(levelRange - 1);
        std::uint64_t deadline = levelStart + slot * slotRange;
        if (deadline + slotRange <= m_elapsed) deadline += levelRange;  // wrapped slot
        return std::max(deadline, m_elapsed);
    }

    template <class Fire>
    void processSlot(unsigned l, std::uint64_t deadline, Fire& fire) noexcept {
        unsigned slot = levelNextSlot(l);
        m_elapsed = std::max(m_elapsed, deadline);
        TimerEntry* list = m_levels[l].slots[slot];
        m_levels[l].slots[slot] = nullptr;
        m_levels[l].tails[slot] = nullptr;
        m_levels[l].occupied &= ~(std::uint64_t{1} << slot);
        while (list) {
            TimerEntry* e = list;
            list = e->next;
            e->prev = e->next = nullptr;
            if (e->tick <= m_elapsed) {
                --m_count;
                fire(*e);
            } else {
                link(e[0]);
            }
        }
    }

    void link(TimerEntry& e) noexcept {
        unsigned l = levelFor(m_elapsed, e.tick);
        unsigned slot = static_cast<unsigned>((e.tick >> (l * kSlotBits)) & (kSlots - 1));
        e.level = static_cast<std::uint8_t>(l);
        e.slot = static_cast<std::uint8_t>(slot);
        // Append: entries of one slot fire in the order they were registered.
        TimerEntry*& tail = m_levels[l].tails[slot];
        e.next = nullptr;
        e.prev = tail;
        if (tail)
            tail->next = &e;
        else
            m_levels[l].slots[slot] = &e;
        tail = &e;
        m_levels[l].occupied |= std::uint64_t{1} << slot;
    }

    void unlink(TimerEntry& e) noexcept {
        Level& lv = m_levels[e.level];
        if (e.prev)
            e.prev->next = e.next;
        else
            lv.slots[e.slot] = e.next;
        if (e.next)
            e.next->prev = e.prev;
        else
            lv.tails[e.slot] = e.prev;
        if (!lv.slots[e.slot]) lv.occupied &= ~(std::uint64_t{1} << e.slot);
        e.prev = e.next = nullptr;
    }

    std::uint64_t m_elapsed = 0;
    std::size_t m_count = 0;
    Level m_levels[kLevels];
};

}  // namespace asyncscope::detail
