"""Components run over batches of blocks bounded by tokens (vnkr.components.base)."""

import pytest

from vnkr.components.base import batches


@pytest.mark.parametrize(
    "sizes, max_tokens, expected",
    [
        ([5, 5, 5], 10, [[5, 5], [5]]),
        ([4, 4, 4, 4], 10, [[4, 4, 4], [4]]),  # the doc that reaches the bound ends the batch
        ([25, 1], 10, [[25], [1]]),  # a long block goes through alone
        ([3, 3, 3], 100, [[3, 3, 3]]),
        ([], 10, []),
    ],
)
def test_a_batch_ends_when_it_reaches_max_tokens(sizes, max_tokens, expected):
    docs = [[0] * n for n in sizes]  # anything with a length stands for a Doc
    assert [[len(d) for d in batch] for batch in batches(docs, max_tokens)] == expected
