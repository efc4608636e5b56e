"""The concepts our learners study (from the course notes: Hung-yi Lee, Andrew Ng, "Deep Learning
from Scratch"), each with its Chinese term and the docks where the app shows it.

One :class:`Concept` per row of the project's concept table, in the notes' order. ``name`` and
``explanation`` are English, marked for translation in the context ``"concepts"`` and translated
where shown (:meth:`Concept.display_name`, :meth:`Concept.display_explanation`). ``chinese`` is
the notes' own term and is shown as it is in every language (it is the glossary the translation
follows). ``docks`` are dock object names of ``gui.panel_registry.PANELS``; an empty tuple means
the app does not show the concept yet ("coming later").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "concepts"
WORD_JOINER = "\u2060"       # invisible; no line break on either side of it
_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff])(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class Concept:
    key: str                   # stable identifier (settings, links, tests)
    name: str                  # English, translatable (context "concepts")
    chinese: str               # the notes' term(s), shown untranslated in every language
    explanation: str           # one sentence, translatable (context "concepts")
    docks: tuple[str, ...]     # dock object names that show it; () = coming later

    @property
    def has_home(self) -> bool:
        return bool(self.docks)

    @property
    def terms(self) -> tuple[str, ...]:
        """The separate Chinese terms: "三步骤: 定义函数集, 评价函数好坏" → ("三步骤", "定义函数集", …)."""
        return tuple(t for t in re.split(r"\s*[:,]\s*", self.chinese) if t)

    def display_chinese(self) -> str:
        """``chinese`` for display: lines break between terms, never inside one."""
        return unbreakable(self.chinese)

    def display_name(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.name)

    def display_explanation(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.explanation)


C = Concept
CONCEPTS: tuple[Concept, ...] = (
    C("neuron", QT_TRANSLATE_NOOP("concepts", "Neuron: weighted sum, bias, activation"),
      "神经元, 权重, 偏置",
      QT_TRANSLATE_NOOP("concepts", "A neuron computes t = f(wᵀa + b): the weighted sum of its "
                        "inputs plus a bias, passed through an activation function f."),
      ("architectureDock", "weightsDock")),
    C("perceptron", QT_TRANSLATE_NOOP("concepts", "Perceptron as a logic gate, and XOR"),
      "感知机, 与非门, 异或",
      QT_TRANSLATE_NOOP("concepts", "One layer draws a single straight line between two classes: "
                        "enough for AND, NAND and OR but not for XOR (try the XOR data set with "
                        "and without a hidden layer)."),
      ("perceptronDock", "playgroundDock")),
    C("activation", QT_TRANSLATE_NOOP("concepts", "Activation functions and their derivatives"),
      "激活函数",
      QT_TRANSLATE_NOOP("concepts", "The non-linear f of each layer (step, sigmoid, tanh, ReLU, "
                        "leaky ReLU, ELU, maxout); its derivative f′ decides how much gradient "
                        "flows back through it."),
      ("architectureDock",)),
    C("feedforward", QT_TRANSLATE_NOOP("concepts", "Fully connected feed-forward network"),
      "全连接前馈网络, 输入层, 隐藏层, 输出层, 深度",
      QT_TRANSLATE_NOOP("concepts", "Layers in a row, each neuron connected to every neuron of the "
                        "layer before: an input layer, hidden layers and an output layer; the "
                        "number of layers is the depth."),
      ("architectureDock",)),
    C("softmax", QT_TRANSLATE_NOOP("concepts", "Softmax output"), "Softmax",
      QT_TRANSLATE_NOOP("concepts", "Softmax turns the output layer's scores into a probability "
                        "distribution: positive numbers that sum to 1."),
      ("canvasDock", "architectureDock")),
    C("loss", QT_TRANSLATE_NOOP("concepts", "Loss: squared error and cross-entropy"),
      "损失函数, 均方误差, 交叉熵误差",
      QT_TRANSLATE_NOOP("concepts", "The loss measures how far the output is from the target; "
                        "cross-entropy suits softmax classification, squared error suits "
                        "regression."),
      ("architectureDock", "metricsDock")),
    C("overfitting", QT_TRANSLATE_NOOP("concepts", "Training, validation and test data; overfitting"),
      "训练数据, 测试数据, 过拟合",
      QT_TRANSLATE_NOOP("concepts", "A network learns from training data and is judged on data it "
                        "has never seen; when training accuracy keeps rising but validation "
                        "accuracy does not, it is overfitting."),
      ("metricsDock", "trainingDock")),
    C("minibatch", QT_TRANSLATE_NOOP("concepts", "Mini-batch, epoch, iteration"),
      "小批量 (mini-batch), 纪元 (epoch)",
      QT_TRANSLATE_NOOP("concepts", "Each iteration updates the weights from a small random batch "
                        "of samples; one epoch is one pass over the whole training set."),
      ("trainingDock", "metricsDock")),
    C("gradient_descent", QT_TRANSLATE_NOOP("concepts", "Gradient descent and the learning rate"),
      "梯度, 梯度下降法, 学习率, 超参数",
      QT_TRANSLATE_NOOP("concepts", "The gradient points uphill on the loss, so each step moves "
                        "the weights against it, scaled by the learning rate, a hyperparameter "
                        "you choose."),
      ("descentDock", "trainingDock")),
    C("backprop", QT_TRANSLATE_NOOP("concepts", "Backpropagation on a computational graph"),
      "误差反向传播法, 计算图, 链式法则",
      QT_TRANSLATE_NOOP("concepts", "Backpropagation applies the chain rule backwards through the "
                        "computational graph and gets the gradient of every weight in one pass "
                        "(see the gradient size per layer)."),
      ("chainRuleDock", "backpropDock")),
    C("gradient_check", QT_TRANSLATE_NOOP("concepts", "Gradient check"), "梯度确认",
      QT_TRANSLATE_NOOP("concepts", "Comparing backpropagation's gradients with numerical ones "
                        "catches mistakes in a backward pass: their relative error should be "
                        "tiny."),
      ("gradientCheckDock",)),
    C("vectorization", QT_TRANSLATE_NOOP("concepts", "Vectorization and matrix dimensions"),
      "向量化, 核对矩阵的维数",
      QT_TRANSLATE_NOOP("concepts", "A batch of m samples passes through a layer as one matrix "
                        "product; checking the shapes of W[l], b[l], Z[l] and A[l] catches most "
                        "mistakes."),
      ("architectureDock", "backpropDock")),
    C("optimizers", QT_TRANSLATE_NOOP("concepts", "SGD, Momentum, AdaGrad, RMSProp, Adam"),
      "随机梯度下降法, 动量, 自适应学习率",
      QT_TRANSLATE_NOOP("concepts", "Rules that turn gradients into steps: Momentum adds velocity, "
                        "AdaGrad and RMSProp adapt the step of each weight, Adam does both."),
      ("optimizerLabDock", "optimizerRaceDock")),
    C("initialization", QT_TRANSLATE_NOOP("concepts", "Weight initialization"), "权重的初始值",
      QT_TRANSLATE_NOOP("concepts", "The scale of the starting weights (σ = 0.01, Xavier, He) "
                        "decides whether activations stay spread out or collapse from layer to "
                        "layer."),
      ("initDock", "distributionsDock")),
    C("regularization", QT_TRANSLATE_NOOP("concepts", "Weight decay, dropout, batch normalization"),
      "正则化, 权值衰减, Dropout, Batch Normalization",
      QT_TRANSLATE_NOOP("concepts", "Weight decay (L2) pulls weights towards zero and dropout "
                        "switches off random neurons, both against overfitting; batch "
                        "normalization keeps each layer's inputs well scaled."),
      ("trainingDock", "architectureDock")),
    C("hyperparameter_validation", QT_TRANSLATE_NOOP("concepts", "Choosing hyperparameters"),
      "超参数的验证",
      QT_TRANSLATE_NOOP("concepts", "Hyperparameters are chosen by their score on validation data "
                        "split off the training data, never by the test data."),
      ("trainingDock", "metricsDock")),
    C("deep_representation", QT_TRANSLATE_NOOP("concepts", "Deep representation"), "深层表示",
      QT_TRANSLATE_NOOP("concepts", "Early layers find simple features such as strokes and edges; "
                        "later layers combine them into larger shapes."),
      ("featuresDock", "weightsDock")),
    C("cnn", QT_TRANSLATE_NOOP("concepts", "Convolutional network: convolution and pooling"),
      "卷积神经网络, 卷积层, 池化层",
      QT_TRANSLATE_NOOP("concepts", "Convolution layers slide small learned filters over the "
                        "image and pooling layers shrink the result, so the network keeps the "
                        "image's layout."),
      ("architectureDock", "featuresDock")),
    C("three_steps", QT_TRANSLATE_NOOP("concepts", "The three steps of deep learning"),
      "三步骤: 定义函数集, 评价函数好坏, 选出最好的函数",
      QT_TRANSLATE_NOOP("concepts", "Define a set of functions (the architecture), say how good "
                        "a function is (the loss), and pick the best one (the optimizer)."),
      ("architectureDock", "trainingDock")),
    C("one_hot", QT_TRANSLATE_NOOP("concepts", "One-hot target vector"), "one-hot 编码",
      QT_TRANSLATE_NOOP("concepts", "The target is a vector of zeros with a single 1 at the "
                        "correct class, compared with the softmax output."),
      ("backpropDock",)),
    C("regression", QT_TRANSLATE_NOOP("concepts", "Regression and function approximation"),
      "回归, 恒等函数",
      QT_TRANSLATE_NOOP("concepts", "For regression the output layer is the identity function "
                        "with squared error, and a large enough network can approximate any "
                        "continuous function."),
      ("functionFittingDock",)),
    C("numerical_diff", QT_TRANSLATE_NOOP("concepts", "Numerical differentiation"), "数值微分",
      QT_TRANSLATE_NOOP("concepts", "The slope estimated from two nearby values, (f(x + h) − "
                        "f(x − h)) / 2h: slow, but a reliable check of backpropagation."),
      ("nudgeWeightDock", "gradientCheckDock")),
    C("caches", QT_TRANSLATE_NOOP("concepts", "Forward caches for the backward pass"), "缓存",
      QT_TRANSLATE_NOOP("concepts", "The forward pass keeps each layer's Z[l] and A[l] because the "
                        "backward pass needs them to compute the gradients."),
      ("backpropDock",)),
    C("broadcasting", QT_TRANSLATE_NOOP("concepts", "Broadcasting the bias"), "广播",
      QT_TRANSLATE_NOOP("concepts", "The bias b[l] is added to all m samples at once by "
                        "broadcasting, without copying it m times."),
      ("architectureDock", "backpropDock")),
    C("early_stopping", QT_TRANSLATE_NOOP("concepts", "Early stopping"), "早停",
      QT_TRANSLATE_NOOP("concepts", "Stop training at the epoch where the validation loss was "
                        "lowest, before the network starts to overfit."),
      ()),
    C("local_minima", QT_TRANSLATE_NOOP("concepts", "Local minima and saddle points"),
      "局部极小值, 鞍点",
      QT_TRANSLATE_NOOP("concepts", "Points where the gradient is zero but the loss is not at its "
                        "lowest: optimizers can stall there, and momentum helps to roll on."),
      ("optimizerLabDock",)),
    C("deep_vs_fat", QT_TRANSLATE_NOOP("concepts", "Why deep rather than fat"), "深而不是胖",
      QT_TRANSLATE_NOOP("concepts", "With the same number of parameters a deep network usually "
                        "learns better than a wide shallow one, because its layers reuse each "
                        "other's features."),
      ()),
    C("rnn", QT_TRANSLATE_NOOP("concepts", "Recurrent networks for sequences"), "递归神经网络",
      QT_TRANSLATE_NOOP("concepts", "A recurrent network carries a hidden state from step to step, "
                        "so it can read sequences such as text or speech."),
      ()),
    C("digits", QT_TRANSLATE_NOOP("concepts", "Handwritten digit recognition"), "手写数字识别",
      QT_TRANSLATE_NOOP("concepts", "Reading handwritten digits (MNIST) is the notes' first real "
                        "project: draw one and see what the network answers."),
      ("canvasDock",)),
)
del C

_BY_KEY = {c.key: c for c in CONCEPTS}


def concept(key: str) -> Concept:
    """The concept with this key (KeyError names the known keys)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no concept {key!r}; known: {', '.join(_BY_KEY)}") from None


def terms(key: str) -> tuple[str, ...]:
    """The Chinese terms of concept ``key``, e.g. terms("three_steps")[1] == "定义函数集"."""
    return concept(key).terms


def dock_titles() -> dict[str, str]:
    """Dock object name → translated dock title, from the main window's panel registry."""
    from .panel_registry import PANELS
    return {e.object_name: QCoreApplication.translate("MainWindow", e.title) for e in PANELS}


def unbreakable(text: str) -> str:
    """``text`` with an invisible WORD JOINER between adjacent Chinese characters: Qt may break a
    line between any two of them, and a term broken in two ("自适应学习 / 率") is hard to read."""
    return _BETWEEN_HAN.sub(WORD_JOINER, text)
