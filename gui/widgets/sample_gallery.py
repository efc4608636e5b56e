"""A gallery of test samples, such as the mistakes in one cell of a confusion matrix: a title,
thumbnails captioned "true → predicted" with the network's confidence, and a button back to
every mistake. For data that are not images a note replaces the thumbnails."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import style

MAX_THUMBS = 200                 # gallery images shown at once
THUMB = 56                       # 28×28 images drawn at 2×
QWIDGETSIZE_MAX = 16777215


def _tr(text: str) -> str:
    """The gallery was part of the evaluation panel: its strings keep that translation context."""
    return QCoreApplication.translate("EvaluationPanel", text)


class SampleGallery(QWidget):
    """Thumbnails of test samples; ``show_samples`` fills it, ``show_all`` asks for every mistake."""

    show_all = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.all_button = QPushButton(_tr("Show all mistakes"))
        self.all_button.clicked.connect(self.show_all)
        self.all_button.setToolTip(_tr("Show every misclassified test image, not only those of "
                                       "the chosen cell of the confusion matrix"))
        self.images = QListWidget()
        self.images.setViewMode(QListView.ViewMode.IconMode)
        self.images.setIconSize(QSize(THUMB, THUMB))
        self.images.setGridSize(QSize(THUMB + 28, THUMB + 38))
        self.images.setResizeMode(QListView.ResizeMode.Adjust)
        self.images.setMovement(QListView.Movement.Static)
        self.images.setUniformItemSizes(True)
        self.images.setWordWrap(True)
        self.no_images = QLabel(_tr("The gallery shows images; this data set holds 2-D points. "
                                    "The confusion matrix and the accuracy per class still apply."))
        self.no_images.setWordWrap(True)
        self.no_images.setStyleSheet(f"color: {style.GREY};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.all_button)
        layout.addLayout(title_row)
        layout.addWidget(self.images, 1)
        layout.addWidget(self.no_images)

    def show_samples(self, title: str, idx: np.ndarray, result: dict, dataset, *, one_cell: bool) -> None:
        """Show test samples ``idx`` (at most ``MAX_THUMBS``) of an evaluation ``result`` (with
        ``y``, ``pred`` and ``proba``); ``one_cell``: they are one cell's, so offer all mistakes."""
        self.all_button.setVisible(one_cell)
        image = dataset.is_image
        self.images.setVisible(image)
        self.no_images.setVisible(not image)
        # without images the gallery shrinks to its two lines of text
        self.setMaximumHeight(QWIDGETSIZE_MAX if image else self.sizeHint().height())
        if len(idx) > MAX_THUMBS and image:
            title += _tr(" (showing {0})").format(MAX_THUMBS)
        self.title.setText(title)
        if image:
            self._fill(idx[:MAX_THUMBS], result, dataset)

    def _fill(self, idx: np.ndarray, r: dict, ds) -> None:
        names = ds.class_names
        self.images.clear()
        if not len(idx):
            return
        imgs = ds.as_float(ds.x_test[idx])
        imgs = np.clip(imgs.reshape(len(idx), -1, imgs.shape[-1]) * 255, 0, 255).astype(np.uint8)
        for i, img in zip(idx, imgs, strict=True):
            t, p = int(r["y"][i]), int(r["pred"][i])
            conf = float(r["proba"][i, p])
            qimg = QImage(img.tobytes(), img.shape[1], img.shape[0], img.shape[1],
                          QImage.Format.Format_Grayscale8)
            pix = QPixmap.fromImage(qimg).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.FastTransformation)
            item = QListWidgetItem(QIcon(pix), f"{names[t]} → {names[p]}\n{conf:.0%}")
            item.setData(Qt.ItemDataRole.UserRole, int(i))
            item.setToolTip(_tr("test sample #{0}: true {1}, predicted {2} with probability "
                                "{3:.1%}").format(int(i), names[t], names[p], conf))
            self.images.addItem(item)

    def clear(self) -> None:
        self.images.clear()

    def indices(self) -> list[int]:
        """Test-set indices of the thumbnails shown, in order."""
        return [self.images.item(k).data(Qt.ItemDataRole.UserRole) for k in range(self.images.count())]
