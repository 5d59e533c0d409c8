"""What a question asks about: weighted concepts that text in either language can cover.

Every content word of the question is a concept weighted by its rarity in the collection
(BM25 idf). A word the dictionary can translate (`retrieval/crosslingual/`) may also be
covered by its translation, so an English question about "placement internships" is
covered by a Chinese sentence on 顶岗实习 and the reverse. Questions that ask for a count, a
year or a date add an answer-type concept that only a sentence holding a number, a year or a
date covers.
"""
