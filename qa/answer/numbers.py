"""Numbers as Chinese news prints them: 57.5万, 2701亿, 98.89%, 三次, 一个半小时, 第四名."""
from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"


def cn_to_int(text: str) -> int | None:
    """Chinese numerals to an integer: 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 两万 → 20000."""
    if not text or any(ch not in CN_NUMERAL for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def to_number(text: str) -> float | None:
    """A numeral in Arabic digits or Chinese characters, with 万/亿 multipliers and 半."""
    text = text.strip().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(点[零〇一二三四五六七八九]+)?([万亿]*)(个?半)?", text)
    if not m:
        return None
    head, decimals, big, half = m.groups()
    value = float(head) if head[0].isdigit() else cn_to_int(head)
    if value is None:
        return None
    if decimals:
        value = float(f"{int(value)}." + "".join(str(CN_DIGITS[c]) for c in decimals[1:]))
    for ch in big:
        value *= CN_BIG[ch]
    if half:
        value += 0.5
    return value


def tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def leading_number(text: str) -> float | None:
    """The number a span starts with: `57.5万人` → 575000, `一个半小时` → 1.5, `三连冠` → 3."""
    m = re.match(
        r"(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(点[零〇一二三四五六七八九]+)?([万亿]*)(个?半)?",
        text,
    )
    if not m or not m.group(0):
        return None
    return to_number(m.group(0))


def ordinal(text: str) -> int | None:
    """第二 → 2, 第4 → 4."""
    m = re.search(r"第([\d]+|[零〇一二两三四五六七八九十百]+)", text)
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else cn_to_int(g)
