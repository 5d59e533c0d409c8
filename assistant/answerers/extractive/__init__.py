"""The extractive answerer: quotes the retrieved sentences that answer the question.

No LLM. The question becomes weighted concepts (`answerers/concepts/`); every sentence of the
retrieved chunks is scored by the concepts it covers, in either language through the
glossary (its document's title and region at half weight, plus the chunk's rank). The answer
quotes, in document order with [n] citations: the best sentence, the one holding the count or
date asked for, the best sentence of each other document the question names, then sentences
that add something new, within about 120 words. It is refused when the answer's own document
does not support it (the threshold is calibrated on the gold set).
"""
