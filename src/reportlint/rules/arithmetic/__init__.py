"""A2xx arithmetic: relations between the numbers of one sentence or one table (one module per rule).

A201 rate = part ÷ whole · A202 share of a whole · A203 parts after 其中 vs their total ·
A204 stated count vs listed items · A205 分别 with mismatched counts · A206 rates that cannot
exceed 100% · A207 growth from A to B · A208 GRIM feasibility of a rate · A209 lost decimal point ·
A210 table total rows · A211 table rate columns · A212 table total vs the text next to it.

Quantities come from ``reportlint.facts.quantities`` (intervals at printed precision), sentences
from ``reportlint.facts.sentences``; the data (units, approximation words, rate names …) is the
``[arithmetic]`` table of the ruleset (``rulesets/arithmetic.toml``).
"""
