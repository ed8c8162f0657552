"""T5xx typography and wording: one module per rule (pairs, punctuation width, doubled words,
confusable words, marker style, ellipsis, doubled punctuation, enumeration comma, spaces)."""
