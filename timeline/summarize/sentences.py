"""Which sentences tell a day: the most central ones among that day's candidates, not repeated.

Sentences are TF-IDF vectors (scikit-learn) fitted on the whole collection. A day's
summary takes the candidates closest to the centroid of that day's candidates (what most
reports of the day say; the centroid method of news-tls and of Radev et al. 2004), each
weighed by its closeness to the whole story. A candidate too close to a line already in
the timeline is skipped (the redundancy constraint of maximal marginal relevance), so no
two lines repeat each other, on the same day or across days. On Timeline17 a trade-off
between centrality and novelty scored lower than this hard constraint.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

#: A candidate this similar to a chosen line says the same thing and is never chosen.
REDUNDANT = 0.5


class SentenceSpace:
    """TF-IDF vectors of a collection's sentences, and the story's topic as their mean."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._row = {text: index for index, text in enumerate(dict.fromkeys(texts))}
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
        self.matrix: sparse.csr_matrix = vectorizer.fit_transform(list(self._row))
        # The topic is what the coverage says most: a sentence repeated counts each time.
        centroid = np.asarray(self.matrix[self.rows(texts)].mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid))
        self._topic = centroid / norm if norm else centroid

    @classmethod
    def of(cls, texts: Sequence[str]) -> SentenceSpace | None:
        """The space of ``texts``; None when they hold no word to weigh."""
        try:
            return cls(texts)
        except ValueError:  # scikit-learn: empty vocabulary
            return None

    def rows(self, texts: Sequence[str]) -> list[int]:
        return [self._row[text] for text in texts]

    def relevance(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """How close each sentence is to the whole story (0-1, the closest is 1)."""
        scores = np.asarray(self.matrix[self.rows(texts)] @ self._topic).ravel()
        top = float(scores.max()) if scores.size else 0.0
        return scores / top if top > 0 else scores

    def select(self, texts: Sequence[str], count: int, chosen: list[int]) -> list[int]:
        """Indices into ``texts`` of up to ``count`` central, novel sentences, best first.

        Centrality is weighed by closeness to the story, so a day's aside loses to its news.
        ``chosen`` holds the rows already in the timeline; it grows with the picks.
        """
        rows = self.rows(texts)
        vectors = self.matrix[rows]
        centroid = np.asarray(vectors.mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid))
        if not norm:
            return []
        central = np.asarray(vectors @ (centroid / norm)).ravel()
        central = central * self.relevance(texts)
        picks: list[int] = []
        available = np.ones(len(rows), dtype=bool)
        for _ in range(count):
            score = central.copy()
            if chosen:
                overlap = (vectors @ self.matrix[chosen].T).toarray().max(axis=1)
                score[overlap >= REDUNDANT] = -np.inf
            score[~available | (central <= 0)] = -np.inf
            best = int(np.argmax(score))
            if not np.isfinite(score[best]):
                break
            picks.append(best)
            chosen.append(rows[best])
            available[best] = False
        return picks
