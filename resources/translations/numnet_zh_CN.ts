<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationBars</name>
    <message>
        <source>{n} units · strongest: #{k} = {v:.2f}</source>
        <translation>{n} 个神经元 · 最强：#{k} = {v:.2f}</translation>
    </message>
</context>
<context>
    <name>ActivationPlot</name>
    <message>
        <source>{0}: f(x) solid, its derivative f′(x) dashed, for x from −4 to 4. Where f′ is 0 no gradient flows back.</source>
        <translation>{0}：实线为 f(x)，虚线为其导数 f′(x)，x 从 −4 到 4。f′ 为 0 的地方，梯度无法反向传回。</translation>
    </message>
</context>
<context>
    <name>ArchitectureDocument</name>
    <message>
        <source>Match the output layer to the data</source>
        <translation>让输出层与数据匹配</translation>
    </message>
    <message>
        <source>Load preset {0}</source>
        <translation>加载预设 {0}</translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation>添加 {0}</translation>
    </message>
    <message>
        <source>Remove layer {0} ({1})</source>
        <translation>删除第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>Move layer {0}</source>
        <translation>移动第 {0} 层</translation>
    </message>
    <message>
        <source>Change {0} of layer {1}</source>
        <translation>修改第 {1} 层的{0}</translation>
    </message>
    <message>
        <source>Make layer {0} a {1} layer</source>
        <translation>把第 {0} 层的类型改为 {1}</translation>
    </message>
    <message>
        <source>Change the loss</source>
        <translation>更改损失函数</translation>
    </message>
    <message>
        <source>The network has no layers: add one.</source>
        <translation>网络还没有层：请添加一层。</translation>
    </message>
    <message>
        <source>The output layer now has {0} units, one per class.</source>
        <translation>输出层现在有 {0} 个神经元，每个类别一个。</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>打开 {0}</translation>
    </message>
</context>
<context>
    <name>ArchitecturePanel</name>
    <message>
        <source>MNIST (until a data set is chosen)</source>
        <translation>MNIST（在选定数据集之前）</translation>
    </message>
    <message>
        <source>Load a preset…</source>
        <translation>加载预设…</translation>
    </message>
    <message>
        <source>Ready-made architectures, from the book&apos;s TwoLayerNet to a small CNN. Loading one replaces the layers (Undo brings them back).</source>
        <translation>现成的网络结构，从书中的 TwoLayerNet 到一个小型 CNN。加载后会替换当前的层（“撤销”可以恢复）。</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Load an architecture from a JSON file.</source>
        <translation>从 JSON 文件加载网络结构。</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this architecture as a JSON file.</source>
        <translation>把这个网络结构保存为 JSON 文件。</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>The input layer has one neuron per input value; its shape follows the data set chosen for training.</source>
        <translation>输入层的每个神经元对应一个输入值；它的形状取决于训练所选的数据集。</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>示意图</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>维数</translation>
    </message>
    <message>
        <source>The network: hover a neuron for its weights.</source>
        <translation>网络示意图：把鼠标移到神经元上可查看它的权重。</translation>
    </message>
    <message>
        <source>Check the matrix dimensions (核对矩阵的维数): the shape of every W, b, Z and A for a batch of m samples.</source>
        <translation>核对矩阵的维数：对 m 个样本的一批数据，列出每个 W、b、Z 和 A 的形状。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>How wrong the output is: the loss function. Both first turn the scores into probabilities with a softmax. Cross-entropy, −log p(correct class), is the standard for classifying; mean squared error, ½·Σ(p − t)², compares with the one-hot target and learns more slowly when the network is confidently wrong.</source>
        <translation>输出错得有多远：损失函数。两者都先用 Softmax 把得分变成概率。交叉熵误差 −log p(正确类别) 是分类的标准选择；均方误差 ½·Σ(p − t)² 与 one-hot 目标比较，当网络很有把握却答错时，它学得更慢。</translation>
    </message>
    <message>
        <source>Large network</source>
        <translation>大型网络</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Random seed for the initial weights: the same seed gives the same starting network, so runs can be compared.</source>
        <translation>权重初始值的随机种子：相同的种子得到相同的初始网络，便于比较不同的训练。</translation>
    </message>
    <message>
        <source>This network has {0} parameters and needs about {1} of memory to train at batch {2}. Training will be slow and may run out of memory.

Build it anyway?</source>
        <translation>此网络有 {0} 个参数，批大小为 {2} 时训练约需 {1} 内存。训练会很慢，还可能内存不足。

仍要构建吗？</translation>
    </message>
    <message>
        <source>Training needs about {0} of memory at batch {1}.</source>
        <translation>批大小为 {1} 时训练约需 {0} 内存。</translation>
    </message>
    <message>
        <source>less than 1 MB</source>
        <translation>不到 1 MB</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>逐层设置</translation>
    </message>
    <message>
        <source>{0} GB</source>
        <translation>{0} GB</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <source>⚠ Large: training needs about {0} of memory at batch {1}; Apply asks before building it.</source>
        <translation>⚠ 规模很大：批大小为 {1} 时训练约需 {0} 内存；应用前会先询问。</translation>
    </message>
    <message>
        <source>He for all</source>
        <translation>全部用 He</translation>
    </message>
    <message>
        <source>Xavier for all</source>
        <translation>全部用 Xavier</translation>
    </message>
    <message>
        <source>normal σ for all</source>
        <translation>全部用正态分布 σ</translation>
    </message>
    <message>
        <source>Initial weights for every layer, overriding the per-layer choice — compare how training starts with He, Xavier or a small fixed σ (the book&apos;s 0.01).</source>
        <translation>所有层的权重初始值，覆盖各层自己的选择——比较用 He、Xavier 或一个固定的小 σ（书中的 0.01）时训练如何开始。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>权重的初始值</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Load the model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>{0} image</source>
        <translation>{0} 图像</translation>
    </message>
    <message>
        <source>{0} features</source>
        <translation>{0} 个特征</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt; {0} — {1}</source>
        <translation>&lt;b&gt;输入&lt;/b&gt; {0} — {1}</translation>
    </message>
    <message>
        <source>✓ Valid: {0} parameters, {1} output scores.</source>
        <translation>✓ 有效：{0} 个参数，{1} 个输出得分。</translation>
    </message>
    <message>
        <source>Not built yet: press Apply to build this network.</source>
        <translation>尚未构建：按“应用”构建这个网络。</translation>
    </message>
    <message>
        <source>Apply (stops training)</source>
        <translation>应用（会停止训练）</translation>
    </message>
    <message>
        <source>Fix the problems shown under the layer list first.</source>
        <translation>请先修正层列表下方显示的问题。</translation>
    </message>
    <message>
        <source>Rebuild the network with fresh initial weights from this seed.</source>
        <translation>用这个种子重新生成权重初始值，重建网络。</translation>
    </message>
    <message>
        <source>Build this network with fresh initial weights.</source>
        <translation>用新的权重初始值构建这个网络。</translation>
    </message>
    <message>
        <source>Building the network (seed {0})…</source>
        <translation>正在构建网络（种子 {0}）…</translation>
    </message>
    <message>
        <source>Apply architecture</source>
        <translation>应用网络结构</translation>
    </message>
    <message>
        <source>Training is running. Stop it and rebuild the network?</source>
        <translation>训练正在进行。要停止训练并重建网络吗？</translation>
    </message>
    <message>
        <source>Loaded the architecture from {0}</source>
        <translation>已从 {0} 加载网络结构</translation>
    </message>
    <message>
        <source>Saved the architecture to {0}</source>
        <translation>已将网络结构保存到 {0}</translation>
    </message>
    <message>
        <source>Open architecture</source>
        <translation>打开网络结构</translation>
    </message>
    <message>
        <source>Architecture (*.json);;All files (*)</source>
        <translation>网络结构 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open the architecture</source>
        <translation>无法打开网络结构</translation>
    </message>
    <message>
        <source>Save architecture</source>
        <translation>保存网络结构</translation>
    </message>
    <message>
        <source>Architecture (*.json)</source>
        <translation>网络结构 (*.json)</translation>
    </message>
    <message>
        <source>Could not save the architecture</source>
        <translation>无法保存网络结构</translation>
    </message>
</context>
<context>
    <name>BackpropPanel</name>
    <message>
        <source>m = </source>
        <translation>m = </translation>
    </message>
    <message>
        <source>How many samples go through together (the mini-batch size m)</source>
        <translation>一起通过网络的样本数（小批量的大小 m）</translation>
    </message>
    <message>
        <source>from sample </source>
        <translation>起始样本 </translation>
    </message>
    <message>
        <source>Index of the first training sample of the batch</source>
        <translation>这批数据中第一个训练样本的编号</translation>
    </message>
    <message>
        <source>Another batch</source>
        <translation>换一批</translation>
    </message>
    <message>
        <source>Take the next m training samples</source>
        <translation>取接下来的 m 个训练样本</translation>
    </message>
    <message>
        <source>Latest weights</source>
        <translation>最新权重</translation>
    </message>
    <message>
        <source>Run the step-through again with the network&apos;s current weights (they change while training runs)</source>
        <translation>用网络当前的权重重新逐步演示（训练进行时权重在变化）</translation>
    </message>
    <message>
        <source>The steps of one pass: forward layer by layer, the loss, then backward layer by layer. Pick one, or use ◀ ▶.</source>
        <translation>一次传播的各个步骤：逐层正向、损失、再逐层反向。点选一步，或用 ◀ ▶。</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>The array&apos;s values (blue negative, red positive); hover a cell for its value, wheel to zoom</source>
        <translation>数组的值（蓝为负，红为正）；鼠标悬停在单元格上可读数，滚轮缩放</translation>
    </message>
    <message>
        <source>The network lit up for the first sample of the batch: each unit&apos;s colour is its activation. Click a unit for its z, a, b and incoming weights.</source>
        <translation>网络对这批数据中第一个样本的响应：每个神经元的颜色表示它的激活值。点击神经元可查看它的 z、a、b 和输入权重。</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>Network, lit up</source>
        <translation>网络激活图</translation>
    </message>
    <message>
        <source>Build a network (Architecture → Apply) and load data to step through one forward and backward pass.</source>
        <translation>先构建网络（网络结构 → 应用）并载入数据，即可逐步查看一次正向和反向传播。</translation>
    </message>
    <message>
        <source>Notation:</source>
        <translation>记号：</translation>
    </message>
    <message>
        <source>training samples {0}–{1}</source>
        <translation>训练样本 {0}–{1}</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>The step-through failed: {0}</source>
        <translation>逐步演示出错：{0}</translation>
    </message>
    <message>
        <source>{0} · loss {1} · labels {2}</source>
        <translation>{0} · 损失 {1} · 标签 {2}</translation>
    </message>
    <message>
        <source>sample 1 of the batch</source>
        <translation>这批数据的第 1 个样本</translation>
    </message>
    <message>
        <source>Andrew Ng&apos;s dZ[{0}] = m · ∂L/∂Z[{0}] (= A[{0}] − Y for softmax with cross-entropy): the 1/m comes later, in dW and db</source>
        <translation>吴恩达的 dZ[{0}] = m · ∂L/∂Z[{0}]（Softmax 加交叉熵误差时 = A[{0}] − Y）：1/m 到 dW 和 db 中才出现</translation>
    </message>
    <message>
        <source>Backward · layer {0} ({1})</source>
        <translation>反向 · 第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>Backward · {0}</source>
        <translation>反向 · {0}</translation>
    </message>
    <message>
        <source>Cache (缓存) kept for backward, as the layer stores it: {0}</source>
        <translation>为反向传播保留的缓存（按该层实际存储的形状）：{0}</translation>
    </message>
    <message>
        <source>Forward · layer {0} ({1})</source>
        <translation>正向 · 第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>Forward · {0}</source>
        <translation>正向 · {0}</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss · {0}</source>
        <translation>损失 · {0}</translation>
    </message>
    <message>
        <source>P = softmax(Z[{0}]) {1}, T = the one-hot targets {1}</source>
        <translation>P = softmax(Z[{0}]) {1}，T = one-hot 编码的目标 {1}</translation>
    </message>
    <message>
        <source>b[{0}] {1} is broadcast (广播) over the {2} columns</source>
        <translation>b[{0}] {1} 通过广播加到 {2} 列上</translation>
    </message>
    <message>
        <source>b[{0}] {1} is broadcast (广播) over the {2} rows</source>
        <translation>b[{0}] {1} 通过广播加到 {2} 行上</translation>
    </message>
    <message>
        <source>backward stops here: nothing below needs a gradient</source>
        <translation>反向传播到此为止：下面没有需要梯度的层</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>dA[{0}] {1} arrives from {2}</source>
        <translation>dA[{0}] {1} 来自{2}</translation>
    </message>
    <message>
        <source>dW[{0}]: each kernel weight collects dZ[{0}] times the input it met at every position (im2col: one product)</source>
        <translation>dW[{0}]：每个卷积核权重累加它在每个位置遇到的输入乘以 dZ[{0}]（im2col：一次矩阵乘法）</translation>
    </message>
    <message>
        <source>dZ[{0}] = ∂L/∂Z[{0}] = (P − T) / m for softmax with cross-entropy: the start of backpropagation</source>
        <translation>Softmax 加交叉熵误差时 dZ[{0}] = ∂L/∂Z[{0}] = (P − T) / m：误差反向传播法的起点</translation>
    </message>
    <message>
        <source>db[{0}] = (1/m) Σ dZ[{0}] over the {1} columns → {2}</source>
        <translation>db[{0}] = (1/m) 对 {1} 列求和 Σ dZ[{0}] → {2}</translation>
    </message>
    <message>
        <source>db[{0}] = Σ dZ[{0}] over the {1} rows → {2}</source>
        <translation>db[{0}] = 对 {1} 行求和 Σ dZ[{0}] → {2}</translation>
    </message>
    <message>
        <source>input unit</source>
        <translation>输入单元</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>layer {0}: {1}</source>
        <translation>第 {0} 层：{1}</translation>
    </message>
    <message>
        <source>loss L = &lt;b&gt;{0:.6g}&lt;/b&gt; on these {1} samples</source>
        <translation>这 {1} 个样本上的损失 L = &lt;b&gt;{0:.6g}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>row (channels of sample 0)</source>
        <translation>行（样本 0 的各通道）</translation>
    </message>
    <message>
        <source>row (kernels)</source>
        <translation>行（各卷积核）</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>神经元</translation>
    </message>
</context>
<context>
    <name>BestEpochMark</name>
    <message>
        <source>best epoch {0}</source>
        <translation>最佳纪元 {0}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss + L2 penalty ½λΣW²</source>
        <translation>损失 + L2 惩罚项 ½λΣW²</translation>
    </message>
</context>
<context>
    <name>CanvasPanel</name>
    <message>
        <source>default model unavailable ({problem})</source>
        <translation>默认模型不可用（{problem}）</translation>
    </message>
    <message>
        <source>default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>default model ({acc:.1f}% test)</source>
        <translation>默认模型（测试准确率 {acc:.1f}%）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Pen width on the screen, on a 280-pixel canvas (it scales with the canvas). The network gets your strokes redrawn with a pen relative to the drawing&apos;s size, as thick as MNIST&apos;s, so a digit reads the same however large you draw it.</source>
        <translation>屏幕上的笔宽，以 280 像素的画布计（随画布缩放）。网络拿到的是按你的笔画重新画出的图像，笔宽与图形大小成比例，和 MNIST 的笔画一样粗，所以数字无论写多大，识别结果都一样。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>删除最后一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the canvas (Delete)</source>
        <translation>清空画布（Delete）</translation>
    </message>
    <message>
        <source>Random test digit</source>
        <translation>随机测试数字</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Your network</source>
        <translation>你的网络</translation>
    </message>
    <message>
        <source>Which network reads your drawing: the pretrained default model (works right away), or the network you are training now.</source>
        <translation>用哪个网络识别你写的数字：预训练的默认模型（马上就能用），或你正在训练的网络。</translation>
    </message>
    <message>
        <source>Read with</source>
        <translation>识别用</translation>
    </message>
    <message>
        <source>1. your drawing, redrawn at MNIST&apos;s stroke width</source>
        <translation>1. 你的图形，按 MNIST 的笔画粗细重画</translation>
    </message>
    <message>
        <source>2. scaled to fit 20×20 pixels</source>
        <translation>2. 缩放到 20×20 像素以内</translation>
    </message>
    <message>
        <source>3. centred in 28×28: the network&apos;s input</source>
        <translation>3. 在 28×28 中居中：网络的输入</translation>
    </message>
    <message>
        <source>A dot is not a digit: the network can only answer 0–9, so it always names one.</source>
        <translation>一个点不是数字：网络只能回答 0–9，所以它总会说出一个数字。</translation>
    </message>
    <message>
        <source>The network can only answer 0–9: it names a digit for anything, often at 99%. So the drawing is also compared with the training digits of the class it was given: what is left of it after taking away that class&apos;s average image and its 10 main ways of varying (principal components). If more is left than for 95% of MNIST&apos;s own test digits of that class, the drawing is called unlike the digits the network learned from, and its answer means little.</source>
        <translation>网络只能回答 0–9：不管画的是什么，它都会说出一个数字，而且常常有 99% 的把握。所以还要把图形和它被判成的那一类训练数字相比：减去这一类的平均图像和它最主要的 10 种变化方式（主成分）之后还剩下多少。如果剩下的比该类 95% 的 MNIST 测试数字都多，就说这个图形不像网络学过的数字，它的回答没有多大意义。</translation>
    </message>
    <message>
        <source>Unlike the digits it learned from: this fits a {k} worse than {pct:.0f}% of MNIST&apos;s test {k}s. The network can only answer 0–9, so it names a digit anyway.</source>
        <translation>不像网络学过的数字：它作为 {k} 比 {pct:.0f}% 的 MNIST 测试数字 {k} 都更不像。网络只能回答 0–9，所以仍然会说出一个数字。</translation>
    </message>
    <message>
        <source>only {p:.1f}% sure</source>
        <translation>只有 {p:.1f}% 的把握</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>网络看到的图像</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>it reads {n} values, not a 28×28 image</source>
        <translation>它读取 {n} 个数值，而不是 28×28 的图像</translation>
    </message>
    <message>
        <source>Your network cannot be used here: {problem}</source>
        <translation>这里不能使用你的网络：{problem}</translation>
    </message>
    <message>
        <source>Test image #{i}: true label {label}</source>
        <translation>测试图像 #{i}：正确标签 {label}</translation>
    </message>
    <message>
        <source>Put a random test image on the canvas</source>
        <translation>在画布上放一张随机的测试图像</translation>
    </message>
    <message>
        <source>Needs a data set of 28×28 images (e.g. MNIST)</source>
        <translation>需要 28×28 图像的数据集（例如 MNIST）</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>No network to read with</source>
        <translation>没有可用于识别的网络</translation>
    </message>
    <message>
        <source>{p:.1f}% sure</source>
        <translation>把握 {p:.1f}%</translation>
    </message>
    <message>
        <source>read by the {model}</source>
        <translation>由{model}识别</translation>
    </message>
    <message>
        <source>your network cannot read 28×28 images</source>
        <translation>你的网络无法读取 28×28 的图像</translation>
    </message>
    <message>
        <source>read by your network, step {step}</source>
        <translation>由你的网络识别，第 {step} 步</translation>
    </message>
</context>
<context>
    <name>ChainRulePanel</name>
    <message>
        <source>Which computational graph to work through: the book&apos;s shopping examples, or one neuron with an activation</source>
        <translation>选择要演算的计算图：书中的购物例子，或一个带激活函数的神经元</translation>
    </message>
    <message>
        <source>Default values</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Put the book&apos;s numbers back into the inputs</source>
        <translation>把书中的数值重新填入输入</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Undo the last step</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>Forward: compute the next node. Backward: send the gradient down the next edge (upstream × local derivative).</source>
        <translation>正向：计算下一个节点。反向：沿下一条边传回梯度（上游梯度 × 局部导数）。</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Back to the inputs alone, before any node is computed</source>
        <translation>回到只有输入、还没有计算任何节点的状态</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>全部步骤</translation>
    </message>
    <message>
        <source>Do every forward and backward step at once</source>
        <translation>一次完成所有正向和反向步骤</translation>
    </message>
    <message>
        <source>Inputs (edit them):</source>
        <translation>输入（可修改）：</translation>
    </message>
    <message>
        <source>The computational graph: values flow left to right along the arrows (black, above); backpropagation sends gradients right to left (red, below). Each red number is ∂(output)/∂(that value).</source>
        <translation>计算图：数值沿箭头从左向右流动（黑色，在上）；误差反向传播法把梯度从右向左传回（红色，在下）。每个红色数字是 ∂(输出)/∂(该值)。</translation>
    </message>
    <message>
        <source>Graph:</source>
        <translation>计算图：</translation>
    </message>
    <message>
        <source>Change this input: every value and gradient of the graph is computed again</source>
        <translation>修改这个输入：计算图中的每个值和梯度都会重新计算</translation>
    </message>
    <message>
        <source>inputs only</source>
        <translation>仅输入</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Step {0} of {1} · {2}</source>
        <translation>第 {0} 步，共 {1} 步 · {2}</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Step ▶&lt;/b&gt; to compute the graph forward, one node at a time. Once the output is known, the steps go backward: each edge gets the gradient of the output with respect to its value — the &lt;b&gt;chain rule&lt;/b&gt; (链式法则): upstream gradient × local derivative.</source>
        <translation>按&lt;b&gt;单步 ▶&lt;/b&gt;逐个节点正向计算这个计算图。得到输出后，步骤转为反向：每条边得到输出关于该值的梯度——这就是&lt;b&gt;链式法则&lt;/b&gt;：上游梯度 × 局部导数。</translation>
    </message>
    <message>
        <source>Gradients found so far: {0}</source>
        <translation>目前求得的梯度：{0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Forward&lt;/b&gt;, node {0} ({1}): {2} = &lt;b&gt;{3}&lt;/b&gt; → {4}</source>
        <translation>&lt;b&gt;正向&lt;/b&gt;，节点 {0}（{1}）：{2} = &lt;b&gt;{3}&lt;/b&gt; → {4}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backward&lt;/b&gt; through node {0} ({1}), along the edge to &lt;i&gt;{2}&lt;/i&gt;:&lt;br&gt;upstream gradient ∂{3}/∂{4} = {5}&lt;br&gt;local derivative {6} = &lt;b&gt;{7}&lt;/b&gt; (with {8})&lt;br&gt;chain rule: {5} × {7} = &lt;b&gt;{9}&lt;/b&gt; = ∂{3}/∂{10}</source>
        <translation>&lt;b&gt;反向&lt;/b&gt;经过节点 {0}（{1}），沿通往&lt;i&gt;{2}&lt;/i&gt;的边：&lt;br&gt;上游梯度 ∂{3}/∂{4} = {5}&lt;br&gt;局部导数 {6} = &lt;b&gt;{7}&lt;/b&gt;（其中 {8}）&lt;br&gt;链式法则：{5} × {7} = &lt;b&gt;{9}&lt;/b&gt; = ∂{3}/∂{10}</translation>
    </message>
    <message>
        <source>{0} feeds more than one node: the gradients of its edges add up to {1}.</source>
        <translation>{0} 输入到不止一个节点：各条边的梯度相加，总和为 {1}。</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>Stopping… the current training step ends first, then the window closes.</source>
        <translation>正在停止…… 当前迭代结束后窗口将关闭。</translation>
    </message>
</context>
<context>
    <name>CoachPanel</name>
    <message>
        <source>No hints yet — the coach watches your run and speaks up when something looks off.</source>
        <translation>还没有提示——教练会观察你的训练，发现异常时给出提示。</translation>
    </message>
    <message>
        <source>Hints about the current run: overfitting, accuracy at chance, dead ReLUs, vanishing gradients, a flat loss, a run too fast to watch. Each says why and can apply a fix.</source>
        <translation>关于当前训练的提示：过拟合、准确率停在随机水平、死亡的 ReLU、梯度消失、损失几乎不变、训练快得看不清。每条提示都说明原因，并可一键应用修正。</translation>
    </message>
    <message>
        <source>Coach: {0} — see the Coach panel.</source>
        <translation>教练：{0}——请看“教练”面板。</translation>
    </message>
    <message>
        <source>Coach applied: {0}</source>
        <translation>教练已应用：{0}</translation>
    </message>
</context>
<context>
    <name>CompareModels</name>
    <message>
        <source>Add model…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <source>Compare up to three saved models (.npz) on your drawing</source>
        <translation>在你写的数字上比较最多三个已保存的模型（.npz）</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source>Cannot add {file}: at most three models can be compared; remove one first.</source>
        <translation>无法添加 {file}：最多只能比较三个模型，请先移除一个。</translation>
    </message>
    <message>
        <source>Cannot open {file}: {problem}</source>
        <translation>无法打开 {file}：{problem}</translation>
    </message>
    <message>
        <source>Cannot compare {file}: it reads {n} values per sample, not a 28×28 image.</source>
        <translation>无法比较 {file}：它每个样本读取 {n} 个数值，而不是 28×28 的图像。</translation>
    </message>
    <message>
        <source>Remove from the comparison</source>
        <translation>从比较中移除</translation>
    </message>
    <message>
        <source>Compare saved models</source>
        <translation>比较已保存的模型</translation>
    </message>
    <message>
        <source>NumNet models (*.npz);;All files (*)</source>
        <translation>NumNet 模型 (*.npz);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ConceptsDialog</name>
    <message>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>The concepts of the course notes, with the notes&apos; Chinese term and the panels where you can see and change them. Double-click a row or press Enter to open its panels.</source>
        <translation>课程笔记中的概念，附笔记中的中文术语，以及可以查看和修改它们的面板。双击一行或按 Enter 打开对应的面板。</translation>
    </message>
    <message>
        <source>Filter: type English or Chinese, e.g. learning rate</source>
        <translation>筛选：输入英文或中文，例如 学习率</translation>
    </message>
    <message>
        <source>Shows only the concepts whose name, Chinese term, explanation or panel contains this text. Enter opens the selected concept.</source>
        <translation>只显示名称、中文术语、说明或面板中包含这段文字的概念。按 Enter 打开选中的概念。</translation>
    </message>
    <message>
        <source>Concept</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Rest the pointer on a row for its explanation. Grey rows are not in the app yet.</source>
        <translation>把鼠标停在一行上可查看说明。灰色的行表示应用中还没有。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show the panels of the selected concept (Enter).</source>
        <translation>显示选中概念的面板（Enter）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close this list (Esc).</source>
        <translation>关闭这个列表（Esc）。</translation>
    </message>
    <message>
        <source>coming later</source>
        <translation>以后加入</translation>
    </message>
    <message>
        <source>Not in the app yet: coming later.</source>
        <translation>应用中还没有：以后加入。</translation>
    </message>
    <message>
        <source>No concept matches the filter.</source>
        <translation>没有符合筛选条件的概念。</translation>
    </message>
    <message>
        <source>{0} ({1}): {2}</source>
        <translation>{0}（{1}）：{2}</translation>
    </message>
    <message>
        <source>{0} ({1}): {2} Not in the app yet: coming later.</source>
        <translation>{0}（{1}）：{2} 应用中还没有：以后加入。</translation>
    </message>
</context>
<context>
    <name>DataControls</name>
    <message>
        <source>The 2-D data set: two classes of points to separate. Choosing one also loads a network and learning rate that solve it.</source>
        <translation>二维数据集：要分开的两类点。选择一个数据集时，也会载入能解决它的网络和学习率。</translation>
    </message>
    <message>
        <source>How much the points are jittered (0 = clean). With much noise the classes overlap and no boundary can be perfect.</source>
        <translation>点的随机抖动有多大（0 = 无噪声）。噪声很大时两类点会重叠，任何决策边界都不可能完美。</translation>
    </message>
    <message>
        <source>Number of points, training and test together</source>
        <translation>点的数量（训练数据和测试数据合计）</translation>
    </message>
    <message>
        <source>Share of the points held out as test data: the network never trains on them (black rim)</source>
        <translation>留作测试数据的点所占比例：网络从不用它们训练（黑色描边）</translation>
    </message>
    <message>
        <source>Draws the points and the initial weights: the same seed gives the same points as the training panel and the command line</source>
        <translation>决定点的位置和初始权重：同一个随机种子在训练面板和命令行中给出完全相同的点</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Draw new points (the next seed)</source>
        <translation>生成新的点（下一个随机种子）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
</context>
<context>
    <name>DataFit</name>
    <message>
        <source>This data has {0} values per sample but the network expects {1}: build a network for it first.</source>
        <translation>这份数据每个样本有 {0} 个数值，而网络需要 {1} 个：请先为它构建网络。</translation>
    </message>
    <message>
        <source>This data has {0} classes but the network outputs {1} scores: build a network for it first.</source>
        <translation>这份数据有 {0} 个类别，而网络只输出 {1} 个得分：请先为它构建网络。</translation>
    </message>
</context>
<context>
    <name>Descent1DPanel</name>
    <message>
        <source>Learning rate: how far each step goes along −f′(w)</source>
        <translation>学习率：每一步沿 −f′(w) 走多远</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One step: w ← w − lr·f′(w)</source>
        <translation>走一步：w ← w − lr·f′(w)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Take a step about twice a second, or pause</source>
        <translation>每秒约走两步，或暂停</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to w = 5</source>
        <translation>回到 w = 5</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>The loss f(w), the steps taken and the tangent at the current w</source>
        <translation>损失 f(w)、已走的每一步，以及当前 w 处的切线</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>loss f(w) = (w − 1)²</source>
        <translation>损失 f(w) = (w − 1)²</translation>
    </message>
    <message>
        <source>f(w)</source>
        <translation>f(w)</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>每一步</translation>
    </message>
    <message>
        <source>tangent (slope f′(w))</source>
        <translation>切线（斜率 f′(w)）</translation>
    </message>
    <message>
        <source>current w</source>
        <translation>当前 w</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>lr = {lr}</source>
        <translation>lr = {lr}</translation>
    </message>
    <message>
        <source>Step {k}: w = {w}, f(w) = {f}, slope f′(w) = 2(w − 1) = {g}.   w: {trail}</source>
        <translation>第 {k} 步：w = {w}，f(w) = {f}，斜率 f′(w) = 2(w − 1) = {g}。   w：{trail}</translation>
    </message>
    <message>
        <source>Diverged: |w − 1| grew past {limit}, so the steps stop here.</source>
        <translation>发散：|w − 1| 超过了 {limit}，所以在这里停止。</translation>
    </message>
    <message>
        <source>lr = 1: each step multiplies w − 1 by 1 − 2·lr = −1 — it overshoots by exactly as much as it had to go and bounces between 5 and −3 forever.</source>
        <translation>lr = 1：每一步把 w − 1 乘以 1 − 2·lr = −1——越过的距离恰好等于要走的距离，于是在 5 和 −3 之间永远来回跳动。</translation>
    </message>
    <message>
        <source>lr &gt; 1: each step multiplies w − 1 by 1 − 2·lr = {r}; its size is above 1, so w overshoots further every time — it oscillates and diverges.</source>
        <translation>lr &gt; 1：每一步把 w − 1 乘以 1 − 2·lr = {r}；它的绝对值大于 1，所以 w 每次越过得更远——振荡并发散。</translation>
    </message>
    <message>
        <source>lr = 0.5: 1 − 2·lr = 0, so the first step lands exactly on the minimum w = 1.</source>
        <translation>lr = 0.5：1 − 2·lr = 0，所以第一步正好落在最小值 w = 1 上。</translation>
    </message>
    <message>
        <source>0.5 &lt; lr &lt; 1: each step multiplies w − 1 by {r} — it overshoots to the other side, but less each time: it oscillates and converges.</source>
        <translation>0.5 &lt; lr &lt; 1：每一步把 w − 1 乘以 {r}——越过到另一侧，但每次越过得更少：振荡并收敛。</translation>
    </message>
    <message>
        <source>Each step multiplies the distance w − 1 by 1 − 2·lr = {r}: w creeps towards the minimum w = 1 from one side (slowly if lr is small).</source>
        <translation>每一步把距离 w − 1 乘以 1 − 2·lr = {r}：w 从一侧慢慢靠近最小值 w = 1（lr 越小越慢）。</translation>
    </message>
</context>
<context>
    <name>DigitCanvas</name>
    <message>
        <source>Draw a digit with the mouse, a pen or a finger.
Delete clears, Ctrl+Z undoes the last stroke.</source>
        <translation>用鼠标、手写笔或手指写一个数字。
Delete 清空，Ctrl+Z 撤销最后一笔。</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>DimensionTable</name>
    <message>
        <source>Batch size m</source>
        <translation>批大小 m</translation>
    </message>
    <message>
        <source>m: how many samples go through the network together. Each sample is one row of X, Z and A (one column in Andrew Ng&apos;s notation), so m is one of their dimensions; W and b do not depend on m. It follows the batch size of the training settings.</source>
        <translation>m：一起通过网络的样本数。每个样本是 X、Z 和 A 的一行（吴恩达的记号中是一列），所以 m 是它们的一个维度；W 和 b 与 m 无关。它跟随训练设置中的批大小。</translation>
    </message>
    <message>
        <source>Notation:</source>
        <translation>记号：</translation>
    </message>
    <message>
        <source>l</source>
        <translation>l</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>The layer&apos;s index, as in the parameter names 0.W, 0.b and in the layer list (Andrew Ng counts from 1: his W[1] is our layer 0).</source>
        <translation>层的编号，与参数名 0.W、0.b 和层列表中的一致（吴恩达从 1 开始数：他的 W[1] 是我们的第 0 层）。</translation>
    </message>
    <message>
        <source>The layer&apos;s input: A of the layer before (for layer 0, the data). A dense layer flattens it to (m, inputs) before computing X·W.</source>
        <translation>该层的输入：前一层的 A（第 0 层的输入就是数据）。全连接层在计算 X·W 之前先把它展平为 (m, 输入数)。</translation>
    </message>
    <message>
        <source>Weights: (inputs, units) for a dense layer — Z = X·W + b; (filters, channels, kh, kw) for a convolution; γ for BatchNorm.</source>
        <translation>权重：全连接层为 (输入数, 神经元数)——Z = X·W + b；卷积层为 (滤波器数, 通道数, kh, kw)；BatchNorm 为 γ。</translation>
    </message>
    <message>
        <source>Biases: one per unit or filter; broadcast over the m samples (β for BatchNorm).</source>
        <translation>偏置：每个神经元或滤波器一个；通过广播加到 m 个样本上（BatchNorm 为 β）。</translation>
    </message>
    <message>
        <source>The weighted sums before the activation.</source>
        <translation>激活函数之前的加权和。</translation>
    </message>
    <message>
        <source>The layer&apos;s output after the activation: the next layer&apos;s X.</source>
        <translation>该层经过激活函数后的输出：即下一层的 X。</translation>
    </message>
    <message>
        <source>The gradient of the loss with respect to W: always W&apos;s shape.</source>
        <translation>损失函数关于 W 的梯度：形状总与 W 相同。</translation>
    </message>
    <message>
        <source>The gradient with respect to b: always b&apos;s shape.</source>
        <translation>关于 b 的梯度：形状总与 b 相同。</translation>
    </message>
    <message>
        <source>Trainable numbers in this layer: W and b.</source>
        <translation>该层可训练的数的个数：W 和 b。</translation>
    </message>
    <message>
        <source>Memory of the layer&apos;s parameters as float32 (4 bytes each); gradients and optimizer state need as much again or more.</source>
        <translation>该层参数以 float32 存储所占的内存（每个 4 字节）；梯度和优化器状态还需要同样多或更多。</translation>
    </message>
    <message>
        <source>Andrew Ng&apos;s notation, samples in columns: W[l] (n[l], n[l−1]) · A[l−1] (n[l−1], m) + b[l] (n[l], 1) → Z[l] (n[l], m); b is broadcast over the m columns; A[l] has Z[l]&apos;s shape; dW and db have the shapes of W and b. Layers count from 1: W[1] is the first. Convolutions: (m, n_H, n_W, n_C), W (f, f, n_C_prev, n_C).</source>
        <translation>吴恩达的记号，样本按列排列：W[l] (n[l], n[l−1]) · A[l−1] (n[l−1], m) + b[l] (n[l], 1) → Z[l] (n[l], m)；b 通过广播加到 m 列上；A[l] 与 Z[l] 形状相同；dW 和 db 的形状与 W 和 b 相同。层从 1 开始编号：W[1] 是第一层。卷积：(m, n_H, n_W, n_C)，W (f, f, n_C_prev, n_C)。</translation>
    </message>
    <message>
        <source>Read each row like Andrew Ng&apos;s check, with samples in rows as in &quot;Deep Learning from Scratch&quot; (and as the app computes): X (m, inputs) · W (inputs, units) + b (units,) → Z (m, units); A has Z&apos;s shape and is the next layer&apos;s X; dW and db always have the shapes of W and b. Only X, Z and A grow with m — the parameters do not.</source>
        <translation>像吴恩达那样逐行核对，但样本按行排列，与《深度学习入门》相同（也是本程序的计算方式）：X (m, 输入数) · W (输入数, 神经元数) + b (神经元数,) → Z (m, 神经元数)；A 与 Z 形状相同，并作为下一层的 X；dW 和 db 的形状总与 W 和 b 相同。只有 X、Z 和 A 随 m 增长——参数不会。</translation>
    </message>
    <message>
        <source>Fix this first to see the dimensions: {0}</source>
        <translation>先修正这个问题才能看到维数：{0}</translation>
    </message>
    <message>
        <source>Add layers to see their dimensions.</source>
        <translation>添加层后可看到它们的维数。</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{0} parameters · {1} as float32</source>
        <translation>{0} 个参数 · float32 占 {1}</translation>
    </message>
</context>
<context>
    <name>DistributionsPanel</name>
    <message>
        <source>The layer whose weights, activations and gradients are shown</source>
        <translation>显示其权重、激活值和梯度的层</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Shaded bands hold the middle 38 %, 68 % and 87 % of the values and all of them (min to max), like TensorBoard&apos;s distributions; the line is the median. Beside it: the histogram at the latest step.</source>
        <translation>阴影带分别包含中间 38 %、68 %、87 % 的值以及全部的值（从最小到最大），与 TensorBoard 的分布图相同；线是中位数。旁边是最新一步的直方图。</translation>
    </message>
    <message>
        <source>Weights W</source>
        <translation>权重 W</translation>
    </message>
    <message>
        <source>Activations (layer output)</source>
        <translation>激活值（层的输出）</translation>
    </message>
    <message>
        <source>Gradients ∂L/∂W</source>
        <translation>梯度 ∂L/∂W</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>histogram now</source>
        <translation>当前直方图</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Per layer, over the iterations. Top: the share of ReLU units whose output is 0 for every probe sample — dead units no longer learn (a lower learning rate, leaky ReLU or He initialisation help). Bottom: the mean size of the gradient of the weights, on a log scale: if the first layers&apos; gradients are far smaller than the last ones&apos;, gradients vanish on their way back.</source>
        <translation>逐层显示，随迭代变化。上图：对每个探测样本都输出 0 的 ReLU 神经元所占的比例——死亡的神经元不再学习（降低学习率、改用 Leaky ReLU 或 He 初始化会有帮助）。下图：权重梯度的平均大小，对数坐标：如果前几层的梯度远小于最后几层的，梯度就是在反向传播途中消失了。</translation>
    </message>
    <message>
        <source>Dead ReLU units (output 0 for every probe sample)</source>
        <translation>死亡的 ReLU 神经元（对每个探测样本都输出 0）</translation>
    </message>
    <message>
        <source>dead units</source>
        <translation>死亡神经元</translation>
    </message>
    <message>
        <source>Mean |gradient| per weight (log scale)</source>
        <translation>每个权重的平均 |梯度|（对数坐标）</translation>
    </message>
    <message>
        <source>mean |∂L/∂W|</source>
        <translation>平均 |∂L/∂W|</translation>
    </message>
    <message>
        <source>Layer distributions</source>
        <translation>各层分布</translation>
    </message>
    <message>
        <source>This network has no ReLU layers, so no unit can die (a dead ReLU outputs 0 for every input).</source>
        <translation>这个网络没有 ReLU 层，所以不会有神经元死亡（死亡的 ReLU 对任何输入都输出 0）。</translation>
    </message>
    <message>
        <source>All layers: dead units, gradients</source>
        <translation>所有层：死亡神经元、梯度</translation>
    </message>
    <message>
        <source>No statistics yet.

Press Start (Ctrl+Return) to train: while the network learns, this panel shows how the weights, activations and gradients of each layer are distributed, how many ReLU units have died, and whether gradients vanish on their way back to the first layers.</source>
        <translation>还没有统计数据。

按“开始”（Ctrl+Return）开始训练：网络学习时，这个面板显示每一层的权重、激活值和梯度如何分布，有多少 ReLU 神经元已经死亡，以及梯度在传回前几层的途中是否消失。</translation>
    </message>
    <message>
        <source>layer {0} ({1})</source>
        <translation>第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>iteration {0} · probe batch of {1} samples · loss {2:.4g}</source>
        <translation>迭代 {0} · 探测批次 {1} 个样本 · 损失 {2:.4g}</translation>
    </message>
</context>
<context>
    <name>DivergenceBar</name>
    <message>
        <source>Halve the learning rate and continue</source>
        <translation>学习率减半后继续</translation>
    </message>
    <message>
        <source>Go back to the last weights that were still finite and continue with half the learning rate</source>
        <translation>回到最后一次仍为有限值的权重，并以一半的学习率继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training (Esc)</source>
        <translation>停止训练（Esc）</translation>
    </message>
    <message>
        <source>Training diverged again at step {0}: {1}. Recovery gave up after {2} tries without progress: reset the weights, or start again with a much lower learning rate (now {3:g}) or another optimizer.</source>
        <translation>训练在第 {0} 步再次发散：{1}。恢复已尝试 {2} 次仍无进展，已放弃：请重置权重，或用低得多的学习率（当前为 {3:g}）或换一个优化器重新开始。</translation>
    </message>
    <message>
        <source>Training diverged at step {0}: {1}. A lower learning rate usually helps (now {2:g}).</source>
        <translation>训练在第 {0} 步发散：{1}。降低学习率通常有帮助（当前为 {2:g}）。</translation>
    </message>
    <message>
        <source>every layer&apos;s gradient vanished while the loss stayed at {0:.3g}, no better than at the start</source>
        <translation>每一层的梯度都消失了，而损失停在 {0:.3g}，并不比开始时好</translation>
    </message>
    <message>
        <source>layer {0} {1}</source>
        <translation>第 {0} 层 {1}</translation>
    </message>
    <message>
        <source>the gradient of {0} exploded ({1:.3g} times its size at the start)</source>
        <translation>{0} 的梯度爆炸了（是开始时的 {1:.3g} 倍）</translation>
    </message>
    <message>
        <source>non-finite values in {0}</source>
        <translation>{0} 中出现了非有限值（NaN 或 ∞）</translation>
    </message>
    <message>
        <source>the loss exploded to {0:.3g}</source>
        <translation>损失爆炸到了 {0:.3g}</translation>
    </message>
    <message>
        <source>the loss is no longer a finite number</source>
        <translation>损失不再是有限的数</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>Evaluate now</source>
        <translation>立即评估</translation>
    </message>
    <message>
        <source>Run the current network on every test image</source>
        <translation>用当前网络识别每一张测试图像</translation>
    </message>
    <message>
        <source>Rows: the true class · columns: what the network predicted. Click a cell to see its images.</source>
        <translation>行：真实类别 · 列：网络的预测。点击一个单元格可查看对应的图像。</translation>
    </message>
    <message>
        <source>The share of each digit&apos;s test images that the network classifies correctly: the classes it finds hard stand out.</source>
        <translation>每个数字的测试图像中被网络正确分类的比例：网络觉得难的类别一目了然。</translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation>各类别准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Show all mistakes</source>
        <translation>显示所有错误</translation>
    </message>
    <message>
        <source>Show every misclassified test image, not only those of the chosen cell of the confusion matrix</source>
        <translation>显示所有识别错误的测试图像，而不只是混淆矩阵中选中单元格的那些</translation>
    </message>
    <message>
        <source>The gallery shows images; this data set holds 2-D points. The confusion matrix and the accuracy per class still apply.</source>
        <translation>图库只显示图像，而这个数据集是二维的点。混淆矩阵和各类别准确率仍然适用。</translation>
    </message>
    <message>
        <source>Evaluating {0:,} test samples…</source>
        <translation>正在评估 {0:,} 个测试样本…</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Accuracy per class (dashed: overall {0:.1f} %)</source>
        <translation>各类别准确率（虚线：总体 {0:.1f} %）</translation>
    </message>
    <message>
        <source>Evaluation failed: {0}</source>
        <translation>评估失败：{0}</translation>
    </message>
    <message>
        <source>true {0}, predicted {1}: {2:,} test samples ({3:.1%} of the true {0}s)</source>
        <translation>真实 {0}，预测 {1}：{2:,} 个测试样本（占真实为 {0} 的 {3:.1%}）</translation>
    </message>
    <message>
        <source>Misclassified test samples: {0:,} — most confident mistakes first</source>
        <translation>识别错误的测试样本：{0:,} 个——最有把握的错误排在前面</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>True {0}, predicted {1} ({2}): {3:,} test samples, most confident first</source>
        <translation>真实 {0}，预测 {1}（{2}）：{3:,} 个测试样本，最有把握的排在前面</translation>
    </message>
    <message>
        <source> (showing {0})</source>
        <translation>（显示 {0} 个）</translation>
    </message>
    <message>
        <source>test sample #{0}: true {1}, predicted {2} with probability {3:.1%}</source>
        <translation>测试样本 #{0}：真实 {1}，预测 {2}，概率 {3:.1%}</translation>
    </message>
    <message>
        <source>No model yet.

Once a model and a data set are loaded, this panel tests the network on the test set, which it never trains on.</source>
        <translation>还没有模型。

加载模型和数据集后，这个面板会用测试数据检验网络——网络从不在测试数据上训练。</translation>
    </message>
    <message>
        <source>Not evaluated yet.

Press Evaluate now, or pause training (Space), to test the network on all {0:,} test samples.</source>
        <translation>尚未评估。

按“立即评估”，或暂停训练（Space），就会用全部 {0:,} 个测试样本检验网络。</translation>
    </message>
    <message>
        <source>Test accuracy {0:.2f} % on {1:,} samples · after iteration {2}</source>
        <translation>测试准确率 {0:.2f} %（{1:,} 个样本）· 第 {2} 次迭代之后</translation>
    </message>
    <message>
        <source> · training goes on: pause to refresh</source>
        <translation> · 训练仍在进行：暂停后刷新</translation>
    </message>
</context>
<context>
    <name>ExperimentCard</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run this experiment in the background and show its results</source>
        <translation>在后台运行这个实验，并显示它的结果</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this experiment after the current mini-batch</source>
        <translation>在当前小批量之后停止这个实验</translation>
    </message>
    <message>
        <source>How much of this experiment&apos;s training is done</source>
        <translation>这个实验的训练完成了多少</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>尚未运行</translation>
    </message>
</context>
<context>
    <name>ExperimentPlot</name>
    <message>
        <source>Accuracy of each run after every epoch: solid on the training data, dashed on the test data</source>
        <translation>每次运行在每个纪元之后的准确率：实线为训练数据，虚线为测试数据</translation>
    </message>
    <message>
        <source>One plot per initial weight scale σ: training accuracy against the epoch with batch norm (solid) and without (dashed)</source>
        <translation>每个权重初始尺度 σ 一张小图：训练准确率随纪元的变化，实线为使用 Batch Normalization，虚线为不使用</translation>
    </message>
    <message>
        <source>Press Run on a card: its runs&apos; curves appear here.</source>
        <translation>在左侧的卡片上按“运行”：各次运行的曲线会显示在这里。</translation>
    </message>
    <message>
        <source>The curves of the experiment you run</source>
        <translation>你运行的实验的曲线</translation>
    </message>
    <message>
        <source>Training loss of each run against the iteration: bold smoothed like the book&apos;s figure, faint the raw batch losses</source>
        <translation>每次运行的训练损失随迭代的变化：粗线像书中的图一样经过平滑，细线为原始的批次损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>纪元</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>test data</source>
        <translation>测试数据</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>训练损失（平滑后）</translation>
    </message>
    <message>
        <source>with BN</source>
        <translation>使用 BN</translation>
    </message>
    <message>
        <source>without</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>σ = {0:.2g}</source>
        <translation>σ = {0:.2g}</translation>
    </message>
</context>
<context>
    <name>ExperimentTable</name>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <source>Each run&apos;s results beside the book&apos;s; ✓ marks a result inside the book&apos;s range, ✗ one outside it</source>
        <translation>每次运行的结果与书中的结果并列；✓ 表示结果在书中的范围内，✗ 表示不在</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>book</source>
        <translation>书中</translation>
    </message>
    <message>
        <source>inside the book&apos;s range</source>
        <translation>在书中的范围内</translation>
    </message>
    <message>
        <source>outside the book&apos;s range</source>
        <translation>不在书中的范围内</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>Choose an experiment on the left and press its Run button. Each one trains a few networks in the background and compares what they learn with the book&apos;s results.</source>
        <translation>在左侧选择一个实验，按它的“运行”按钮。每个实验都会在后台训练几个网络，并把它们学到的结果与书中的结果比较。</translation>
    </message>
    <message>
        <source>Training runs in the main window too: both share the processor, so each is slower.</source>
        <translation>主窗口中也在训练：两者共用处理器，所以都会变慢。</translation>
    </message>
    <message>
        <source>Cannot run: {0}</source>
        <translation>无法运行：{0}</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Experiment started: {0}</source>
        <translation>实验已开始：{0}</translation>
    </message>
    <message>
        <source>done in {0:.0f} s: {1} of {2} {3}</source>
        <translation>用时 {0:.0f} 秒完成：{2} 项中 {1} 项 {3}</translation>
    </message>
    <message>
        <source>cancelled after {0:.0f} s</source>
        <translation>{0:.0f} 秒后已取消</translation>
    </message>
    <message>
        <source>failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>ExplanationStrip</name>
    <message>
        <source>Point at any control or plot: its explanation appears here.</source>
        <translation>把鼠标指向任何控件或图表，这里就会显示它的说明。</translation>
    </message>
</context>
<context>
    <name>FeaturesPanel</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Weights now</source>
        <translation>当前权重</translation>
    </message>
    <message>
        <source>Change since start</source>
        <translation>训练以来的变化</translation>
    </message>
    <message>
        <source>Change since start shows now − before training: what training added to the random initial weights</source>
        <translation>“训练以来的变化”显示 当前 − 训练前：训练在随机的权重初始值上增加了什么</translation>
    </message>
    <message>
        <source>Before training</source>
        <translation>训练前</translation>
    </message>
    <message>
        <source>Show the weights before training next to them</source>
        <translation>在旁边显示训练前的权重</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before training&lt;/b&gt;</source>
        <translation>&lt;b&gt;训练前&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The same weights before training: random noise</source>
        <translation>训练前的同一组权重：随机噪声</translation>
    </message>
    <message>
        <source>Each tile is one first-layer neuron&apos;s weights drawn as an image of the input: the pattern it responds to. Early layers learn simple features such as strokes and edges.</source>
        <translation>每个图块是第一层一个神经元的权重，画成输入图像的样子：即它所响应的图案。前面的层学到笔画、边缘之类的简单特征。</translation>
    </message>
    <message>
        <source>Point at a tile to read its weights; wheel zooms, double-click resets</source>
        <translation>指向一个图块可读取它的权重；滚轮缩放，双击复原</translation>
    </message>
    <message>
        <source>Build a network for image data (such as MNIST) to see what its first layer learns.</source>
        <translation>为图像数据（例如 MNIST）构建网络，就能看到它的第一层学到了什么。</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>{0} (first in row)</source>
        <translation>{0}（每行第一个）</translation>
    </message>
    <message>
        <source>filter {f}</source>
        <translation>滤波器 {f}</translation>
    </message>
    <message>
        <source>filter {f} · channel {c}</source>
        <translation>滤波器 {f} · 通道 {c}</translation>
    </message>
    <message>
        <source>unit {k}</source>
        <translation>神经元 {k}</translation>
    </message>
    <message>
        <source>{what}, pixel ({i}, {j}): w = {now} now, {before} before ({change})</source>
        <translation>{what}，像素 ({i}, {j})：w 当前为 {now}，训练前为 {before}（{change}）</translation>
    </message>
    <message>
        <source>Each tile is one hidden unit&apos;s weights on the {h}×{w} image: &lt;span style=&apos;color:{red}&apos;&gt;red&lt;/span&gt; pixels excite it, &lt;span style=&apos;color:{blue}&apos;&gt;blue&lt;/span&gt; ones inhibit it (each tile scaled to its own largest |w|). Training grows simple features such as strokes; &lt;i&gt;Change since start&lt;/i&gt; shows what it added to the random start.</source>
        <translation>每个图块是一个隐藏层神经元在 {h}×{w} 图像上的权重：&lt;span style=&apos;color:{red}&apos;&gt;红色&lt;/span&gt;像素激发它，&lt;span style=&apos;color:{blue}&apos;&gt;蓝色&lt;/span&gt;像素抑制它（每个图块按自己最大的 |w| 缩放）。训练会长出笔画之类的简单特征；&lt;i&gt;训练以来的变化&lt;/i&gt;显示训练在随机起点上增加了什么。</translation>
    </message>
    <message>
        <source>units {a}–{b} of {n}</source>
        <translation>神经元 {a}–{b}（共 {n} 个）</translation>
    </message>
    <message>
        <source>Each tile is one {kh}×{kw} filter of the first convolution layer, the pattern it looks for everywhere in the image: &lt;span style=&apos;color:{red}&apos;&gt;red&lt;/span&gt; = positive weight, &lt;span style=&apos;color:{blue}&apos;&gt;blue&lt;/span&gt; = negative (each tile scaled to its own largest |w|).</source>
        <translation>每个图块是第一个卷积层的一个 {kh}×{kw} 滤波器，即它在图像各处寻找的图案：&lt;span style=&apos;color:{red}&apos;&gt;红色&lt;/span&gt; = 正权重，&lt;span style=&apos;color:{blue}&apos;&gt;蓝色&lt;/span&gt; = 负权重（每个图块按自己最大的 |w| 缩放）。</translation>
    </message>
    <message>
        <source>filters {a}–{b} of {n}</source>
        <translation>滤波器 {a}–{b}（共 {n} 个）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Change since start&lt;/b&gt;</source>
        <translation>&lt;b&gt;训练以来的变化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Now&lt;/b&gt;</source>
        <translation>&lt;b&gt;当前&lt;/b&gt;</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>Learned features are pictures of the first layer&apos;s weights over the input image, so they are shown only for image data. This network&apos;s input is 2 numbers per sample, a point in the plane: the Weights panel shows its weights.</source>
        <translation>学到的特征是第一层权重在输入图像上的图示，所以只对图像数据显示。这个网络的输入是每个样本 2 个数，即平面上的一个点：请在“权重”面板查看它的权重。</translation>
    </message>
    <message>
        <source>Learned features are pictures of the first layer&apos;s weights over the input image, so they are shown only for image data. This network&apos;s input is {n} numbers per sample, not an image: the Weights panel shows its weights.</source>
        <translation>学到的特征是第一层权重在输入图像上的图示，所以只对图像数据显示。这个网络的输入是每个样本 {n} 个数，而不是图像：请在“权重”面板查看它的权重。</translation>
    </message>
    <message>
        <source>The first layer with weights does not look at the image directly, so its weights cannot be drawn as pictures: the Weights panel shows them.</source>
        <translation>第一个有权重的层并不直接看图像，所以它的权重无法画成图片：请在“权重”面板查看。</translation>
    </message>
</context>
<context>
    <name>FunctionFittingPanel</name>
    <message>
        <source>The function f the samples come from: y = f(x) + noise</source>
        <translation>样本来自的函数 f：y = f(x) + 噪声</translation>
    </message>
    <message>
        <source>Standard deviation σ of the noise added to y; a perfect fit still has a mean squared error of σ²</source>
        <translation>加在 y 上的噪声的标准差 σ；即使完美拟合，均方误差仍约为 σ²</translation>
    </message>
    <message>
        <source>Number of samples, training and test together (20% test)</source>
        <translation>样本数量（训练和测试合计，其中 20% 为测试数据）</translation>
    </message>
    <message>
        <source>Draws the samples and the initial weights</source>
        <translation>决定样本和初始权重</translation>
    </message>
    <message>
        <source>Hidden layers; the thin curves are the last one&apos;s units</source>
        <translation>隐藏层数；细曲线是最后一个隐藏层的各个神经元</translation>
    </message>
    <message>
        <source>Neurons per hidden layer</source>
        <translation>每个隐藏层的神经元数</translation>
    </message>
    <message>
        <source>Activation of the hidden layers; the output layer is the identity, compared with y by the squared error</source>
        <translation>隐藏层的激活函数；输出层是恒等函数，用平方误差与 y 比较</translation>
    </message>
    <message>
        <source>Train continuously; changes take effect at once</source>
        <translation>持续训练；修改立即生效</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>训练一个纪元</translation>
    </message>
    <message>
        <source>New random initial weights; the samples stay</source>
        <translation>重新随机初始化权重；样本不变</translation>
    </message>
    <message>
        <source>learning rate </source>
        <translation>学习率 </translation>
    </message>
    <message>
        <source>Learning rate of the Adam optimizer</source>
        <translation>Adam 优化器的学习率</translation>
    </message>
    <message>
        <source>Show each unit&apos;s share wⱼaⱼ(x)</source>
        <translation>显示每个神经元的贡献 wⱼaⱼ(x)</translation>
    </message>
    <message>
        <source>The thin curves: what each unit of the last hidden layer adds to the output. Their sum plus the bias b is the fitted curve.</source>
        <translation>细曲线：最后一个隐藏层的每个神经元对输出的贡献。它们的和加上偏置 b 就是拟合出的曲线。</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>Samples (black rim: test), the true f (dashed), the network&apos;s curve (red) and each hidden unit&apos;s share (thin grey)</source>
        <translation>样本（黑色描边：测试数据）、真实的 f（虚线）、网络的曲线（红色）以及每个隐藏层神经元的贡献（灰色细线）</translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation>f(x)</translation>
    </message>
    <message>
        <source>training samples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>network y(x)</source>
        <translation>网络 y(x)</translation>
    </message>
    <message>
        <source>Press Play to train.</source>
        <translation>按“播放”开始训练。</translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation>训练已停止：{0}</translation>
    </message>
    <message>
        <source>The loss ran away to infinity: lower the learning rate and press Reset.</source>
        <translation>损失发散到无穷大：请降低学习率并按“重置”。</translation>
    </message>
    <message>
        <source>Epoch {0} · training MSE {1:.4f} · test MSE {2:.4f} · noise variance σ² = {3:.4f} (a perfect fit scores about this)</source>
        <translation>纪元 {0} · 训练均方误差 {1:.4f} · 测试均方误差 {2:.4f} · 噪声方差 σ² = {3:.4f}（完美拟合大约就是这个值）</translation>
    </message>
    <message>
        <source>Epoch 0 · press Play to train.</source>
        <translation>纪元 0 · 按“播放”开始训练。</translation>
    </message>
</context>
<context>
    <name>GradientCheckPanel</name>
    <message>
        <source>m = </source>
        <translation>m = </translation>
    </message>
    <message>
        <source>Training samples in the batch the loss is computed on</source>
        <translation>计算损失所用这批数据中的训练样本数</translation>
    </message>
    <message>
        <source> entries</source>
        <translation> 个元素</translation>
    </message>
    <message>
        <source>How many entries of each parameter are checked (chosen at random). Each needs two more forward passes.</source>
        <translation>每个参数检查多少个元素（随机选取）。每个元素需要额外两次正向传播。</translation>
    </message>
    <message>
        <source>Run check</source>
        <translation>开始梯度确认</translation>
    </message>
    <message>
        <source>Compare backprop&apos;s gradients with numerical ones on a float64 copy of the current network</source>
        <translation>在当前网络的 float64 副本上，比较误差反向传播法的梯度与数值微分的梯度</translation>
    </message>
    <message>
        <source>Break a layer&apos;s backward:</source>
        <translation>故意弄错某层的反向传播：</translation>
    </message>
    <message>
        <source>A deliberate bug: the chosen layer&apos;s dW and db are multiplied by the factor after its backward. The check should catch it.</source>
        <translation>故意制造的错误：所选层反向传播后，其 dW 和 db 乘以这个系数。梯度确认应当发现它。</translation>
    </message>
    <message>
        <source>The layer whose backward is broken</source>
        <translation>反向传播被弄错的层</translation>
    </message>
    <message>
        <source>What the broken layer&apos;s gradients are multiplied by</source>
        <translation>被弄错的层的梯度所乘的系数</translation>
    </message>
    <message>
        <source>numerical gradient (数值微分): n = (L(w + h) − L(w − h)) / 2h with h = 1e-5; analytic a from backpropagation (误差反向传播法). Relative error ‖a − n‖ / (‖a‖ + ‖n‖) over the entries checked; it passes below {0} (float64), or when every |a − n| is below {1}.</source>
        <translation>数值微分：n = (L(w + h) − L(w − h)) / 2h，h = 1e-5；解析梯度 a 来自误差反向传播法。相对误差 ‖a − n‖ / (‖a‖ + ‖n‖) 按所检查的元素计算；低于 {0}（float64）即通过，或每个 |a − n| 都低于 {1} 时也通过。</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检查</translation>
    </message>
    <message>
        <source>at a kink</source>
        <translation>位于折点</translation>
    </message>
    <message>
        <source>max |a − n|</source>
        <translation>最大 |a − n|</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Entries left out: between w − h and w + h a ReLU input crossed 0 or a max changed hands. There the function has a kink and no derivative, so the central difference means nothing.</source>
        <translation>被略去的元素：在 w − h 与 w + h 之间，某个 ReLU 的输入越过了 0，或某个最大值换了位置。函数在那里有折点、没有导数，中心差分没有意义。</translation>
    </message>
    <message>
        <source>Build a network and press Run check.</source>
        <translation>构建网络后按“开始梯度确认”。</translation>
    </message>
    <message>
        <source>layer {0} ({1})</source>
        <translation>第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>The network has trained on since the check (step {0}): run it again to check the current weights.</source>
        <translation>梯度确认之后网络又训练了（第 {0} 步）：再运行一次以检查当前权重。</translation>
    </message>
    <message>
        <source>Build a network and load data first.</source>
        <translation>请先构建网络并载入数据。</translation>
    </message>
    <message>
        <source>Checking… (two forward passes per entry, in float64)</source>
        <translation>正在检查…（每个元素两次正向传播，float64）</translation>
    </message>
    <message>
        <source>Press Run check to compare the gradients of this network.</source>
        <translation>按“开始梯度确认”比较这个网络的梯度。</translation>
    </message>
    <message>
        <source>The check failed to run: {0}</source>
        <translation>梯度确认无法运行：{0}</translation>
    </message>
    <message>
        <source>— every entry at a kink</source>
        <translation>— 所有元素都位于折点</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>FAILED: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>All {0} parameters pass: backprop agrees with the numerical gradient.</source>
        <translation>全部 {0} 个参数通过：误差反向传播法与数值微分的梯度一致。</translation>
    </message>
    <message>
        <source>{0} entries sat at a kink and were left out.</source>
        <translation>{0} 个元素位于折点，已略去。</translation>
    </message>
    <message>
        <source>(Layer {0}&apos;s backward was broken on purpose.)</source>
        <translation>（第 {0} 层的反向传播是故意弄错的。）</translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message>
        <source>Point at a cell to read its value; wheel zooms, double-click resets</source>
        <translation>指向一个单元格可读取它的值；滚轮缩放，双击复原</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>{y} {row}, {x} {col}: {value}</source>
        <translation>{y} {row}，{x} {col}：{value}</translation>
    </message>
</context>
<context>
    <name>HintCard</name>
    <message>
        <source>Why?</source>
        <translation>为什么？</translation>
    </message>
    <message>
        <source>Show the explanation, in the course notes&apos; terms</source>
        <translation>用课程笔记中的术语显示解释</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Nothing to change automatically here: see Why?</source>
        <translation>这里没有可以自动修改的设置：请看“为什么？”</translation>
    </message>
    <message>
        <source>Dismiss this hint (it stays away for this network)</source>
        <translation>关闭这条提示（对这个网络不再显示）</translation>
    </message>
    <message>
        <source>layer {0} ({1})</source>
        <translation>第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>Concept</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>(Help → Concepts)</source>
        <translation>（帮助 → 概念）</translation>
    </message>
</context>
<context>
    <name>InitExperimentPanel</name>
    <message>
        <source>σ = 1</source>
        <translation>σ = 1</translation>
    </message>
    <message>
        <source>σ = 0.01</source>
        <translation>σ = 0.01</translation>
    </message>
    <message>
        <source>Xavier: σ = √(1/n)</source>
        <translation>Xavier：σ = √(1/n)</translation>
    </message>
    <message>
        <source>He: σ = √(2/n)</source>
        <translation>He：σ = √(2/n)</translation>
    </message>
    <message>
        <source>custom σ</source>
        <translation>自定义 σ</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian initial weights; n = 100 inputs per unit</source>
        <translation>高斯分布权重初始值的标准差；每个神经元 n = 100 个输入</translation>
    </message>
    <message>
        <source>The standard deviation σ of the initial weights, when “custom σ” is chosen</source>
        <translation>选择“自定义 σ”时，权重初始值的标准差 σ</translation>
    </message>
    <message>
        <source>Drag to change σ (logarithmic: 0.001 to 10)</source>
        <translation>拖动以改变 σ（对数刻度：0.001 到 10）</translation>
    </message>
    <message>
        <source>The activation function of the five layers: the book&apos;s experiment compares sigmoid, tanh and ReLU</source>
        <translation>五层所用的激活函数：书中的实验比较了 sigmoid、tanh 和 ReLU</translation>
    </message>
    <message>
        <source>New inputs</source>
        <translation>新输入</translation>
    </message>
    <message>
        <source>Draw new random inputs and weights</source>
        <translation>重新随机生成输入和权重</translation>
    </message>
    <message>
        <source>Initial weights:</source>
        <translation>权重的初始值：</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <source>Histograms of the activations of each of five layers of 100 units, for 1000 random inputs: with σ = 1 sigmoid outputs pile up at 0 and 1 (gradients vanish); with σ = 0.01 they all become alike (the layers lose their expressiveness); Xavier and He keep them spread out.</source>
        <translation>对 1000 个随机输入，五层（每层 100 个神经元）中每一层激活值的直方图：σ = 1 时 sigmoid 的输出堆积在 0 和 1（梯度消失）；σ = 0.01 时它们都变得一样（各层失去表达能力）；Xavier 和 He 让它们保持分散。</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>The book&apos;s experiment: 1000 random inputs pass through 5 layers of 100 units (no training yet). How are the activations distributed?</source>
        <translation>书中的实验：1000 个随机输入通过 5 层、每层 100 个神经元的网络（尚未训练）。激活值是如何分布的？</translation>
    </message>
    <message>
        <source>Units that output exactly 0 are left out of the bars: {0} of the activations in layer 1, {1} in layer 5.</source>
        <translation>输出恰好为 0 的神经元不计入柱状图：第 1 层占激活值的 {0}，第 5 层占 {1}。</translation>
    </message>
    <message>
        <source>{0} of the values lie beyond the x axis.</source>
        <translation>有 {0} 的值超出了 x 轴范围。</translation>
    </message>
    <message>
        <source>The experiment failed: {0}</source>
        <translation>实验失败：{0}</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>σ = {0:g}</source>
        <translation>σ = {0:g}</translation>
    </message>
    <message>
        <source>{0} with {1}: </source>
        <translation>{0} 配合 {1}：</translation>
    </message>
    <message>
        <source>the activations shrink towards 0 layer after layer — the signal and the gradients vanish.</source>
        <translation>激活值一层一层地向 0 收缩——信号和梯度都消失了。</translation>
    </message>
    <message>
        <source>the activations get narrower with depth. ReLU zeroes half its inputs, so it needs He&apos;s larger σ = √(2/n).</source>
        <translation>激活值随深度变窄。ReLU 会把一半输入变为 0，所以需要 He 的更大的 σ = √(2/n)。</translation>
    </message>
    <message>
        <source>the activations grow layer after layer (see the x axis) — they explode.</source>
        <translation>激活值一层一层地变大（看 x 轴）——它们爆炸了。</translation>
    </message>
    <message>
        <source>the activations keep the same spread in every layer — He&apos;s σ = √(2/n) suits ReLU.</source>
        <translation>激活值在每一层都保持相同的分布宽度——He 的 σ = √(2/n) 适合 ReLU。</translation>
    </message>
    <message>
        <source>0 and 1</source>
        <translation>0 和 1</translation>
    </message>
    <message>
        <source>−1 and 1</source>
        <translation>−1 和 1</translation>
    </message>
    <message>
        <source>activations pile up at {0}, where the slope of {1} is almost 0 — gradients vanish on their way back.</source>
        <translation>激活值堆积在 {0} 附近，{1} 在那里的斜率几乎为 0——梯度在反向传播途中消失。</translation>
    </message>
    <message>
        <source>activations pile up at 0.5: every unit outputs the same value, so 100 units express no more than one.</source>
        <translation>激活值堆积在 0.5：每个神经元都输出相同的值，所以 100 个神经元的表达能力并不比 1 个强。</translation>
    </message>
    <message>
        <source>activations collapse towards 0 layer after layer — the signal and the gradients vanish.</source>
        <translation>激活值一层一层地向 0 坍缩——信号和梯度都消失了。</translation>
    </message>
    <message>
        <source>activations stay spread out in every layer — a good start. Xavier&apos;s σ = √(1/n) is made for sigmoid and tanh.</source>
        <translation>激活值在每一层都保持分散——这是好的开始。Xavier 的 σ = √(1/n) 正是为 sigmoid 和 tanh 设计的。</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of menus, panels and explanations. Applies the next time NumNet Studio starts.</source>
        <translation>菜单、面板和说明所用的语言。下次启动 NumNet Studio 时生效。</translation>
    </message>
    <message>
        <source>The new language applies the next time you start NumNet Studio.</source>
        <translation>新的语言将在下次启动 NumNet Studio 时生效。</translation>
    </message>
</context>
<context>
    <name>LayerActivations</name>
    <message>
        <source>layer {i} · conv {kh}×{kw}, {act} → {c} maps {h}×{w}</source>
        <translation>第 {i} 层 · 卷积 {kh}×{kw}，{act} → {c} 个 {h}×{w} 特征图</translation>
    </message>
    <message>
        <source>layer {i} · {kind}, {act}</source>
        <translation>第 {i} 层 · {kind}，{act}</translation>
    </message>
</context>
<context>
    <name>LayerButtons</name>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Insert a layer after the selected one.</source>
        <translation>在选中的层之后插入一层。</translation>
    </message>
    <message>
        <source>Remove the selected layer (Delete)</source>
        <translation>删除选中的层（Delete）</translation>
    </message>
    <message>
        <source>Move the selected layer up (Ctrl+Up); or drag it</source>
        <translation>把选中的层上移（Ctrl+Up）；也可以拖动</translation>
    </message>
    <message>
        <source>Move the selected layer down (Ctrl+Down); or drag it</source>
        <translation>把选中的层下移（Ctrl+Down）；也可以拖动</translation>
    </message>
</context>
<context>
    <name>LayerForm</name>
    <message>
        <source>Change this layer&apos;s type (its settings start from the new type&apos;s defaults).</source>
        <translation>更改这一层的类型（设置从新类型的默认值开始）。</translation>
    </message>
    <message>
        <source>Select a layer in the list to edit its settings, or add one with “Add layer”.</source>
        <translation>在列表中选择一层来编辑它的设置，或用“添加层”添加一层。</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>default (Xavier)</source>
        <translation>默认（Xavier）</translation>
    </message>
    <message>
        <source>default (He for ReLU, else Xavier)</source>
        <translation>默认（ReLU 用 He，其他用 Xavier）</translation>
    </message>
</context>
<context>
    <name>LayerList</name>
    <message>
        <source>Empty list: use “Add layer” or load a preset.</source>
        <translation>列表为空：用“添加层”添加，或加载预设。</translation>
    </message>
    <message>
        <source>Drag layers to reorder them · Delete removes · Ctrl+↑/↓ moves · Ctrl+Z undoes</source>
        <translation>拖动层可调整顺序 · Delete 删除 · Ctrl+↑/↓ 移动 · Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>{0}
Output per sample: {1}. Drag to reorder.</source>
        <translation>{0}
每个样本的输出：{1}。拖动可调整顺序。</translation>
    </message>
    <message>
        <source>unknown layer {0!r}</source>
        <translation>未知的层 {0!r}</translation>
    </message>
    <message>
        <source>{0} init</source>
        <translation>{0} 初始化</translation>
    </message>
</context>
<context>
    <name>LiveDrawing</name>
    <message>
        <source>Live drawing while training</source>
        <translation>训练时的实时绘图</translation>
    </message>
    <message>
        <source>Light: 2 frames a second, training at full speed</source>
        <translation>轻：每秒 2 帧，训练全速进行</translation>
    </message>
    <message>
        <source>Each visible panel redraws up to twice a second; the window stays almost idle</source>
        <translation>每个可见面板每秒最多重绘两次；窗口几乎处于空闲状态</translation>
    </message>
    <message>
        <source>Standard: 6 frames a second</source>
        <translation>标准：每秒 6 帧</translation>
    </message>
    <message>
        <source>Each visible panel redraws up to six times a second; drawing takes at most a quarter of the time</source>
        <translation>每个可见面板每秒最多重绘六次；绘图最多占用四分之一的时间</translation>
    </message>
    <message>
        <source>Each visible panel redraws up to ten times a second; with many panels open drawing keeps a processor core busy (training runs in its own process)</source>
        <translation>每个可见面板每秒最多重绘十次；打开许多面板时，绘图会占满一个处理器核心（训练在独立的进程中运行）</translation>
    </message>
    <message>
        <source>Smooth: 10 frames a second</source>
        <translation>流畅：每秒 10 帧</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>NumNet Studio</source>
        <translation>NumNet Studio</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Concepts…</source>
        <translation>概念…</translation>
    </message>
    <message>
        <source>Every concept of the course notes, its Chinese term and where it lives in the app (F1)</source>
        <translation>课程笔记中的每个概念、它的中文术语，以及它在应用中的位置（F1）</translation>
    </message>
    <message>
        <source>About NumNet Studio</source>
        <translation>关于 NumNet Studio</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>These panels could not be built and are missing:</source>
        <translation>以下面板无法创建，已缺失：</translation>
    </message>
    <message>
        <source>Explanations</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Built a new network with seed {0}.</source>
        <translation>已用种子 {0} 构建新网络。</translation>
    </message>
    <message>
        <source>Training settings taken from the search: {0}.</source>
        <translation>训练设置已取自超参数搜索：{0}。</translation>
    </message>
    <message>
        <source>Weight {0}{1} chosen: see “Nudge a weight”.</source>
        <translation>已选中权重 {0}{1}：见“微调一个权重”。</translation>
    </message>
    <message>
        <source>Training stopped early: the validation loss did not improve for {0} epochs. Training › Restore best epoch (Ctrl+B) puts back the weights of epoch {1}.</source>
        <translation>训练提前停止:验证损失连续 {0} 个纪元没有改善。训练 › 恢复最佳纪元 (Ctrl+B) 可放回第 {1} 个纪元的权重。</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>打开训练记录</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存训练记录</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Exported the plots to {0}.</source>
        <translation>已将图表导出到 {0}。</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}.</source>
        <translation>已将 {0} 行导出到 {1}。</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop training first?</source>
        <translation>先停止训练吗？</translation>
    </message>
    <message>
        <source>&lt;b&gt;NumNet Studio&lt;/b&gt;&lt;br&gt;Build a neural network, watch it learn, look inside it, race optimizers and draw digits for it to read.&lt;br&gt;Everything numeric is NumPy, written from scratch. MNIST: Yann LeCun and Corinna Cortes, CC BY-SA 3.0.</source>
        <translation>&lt;b&gt;NumNet Studio&lt;/b&gt;&lt;br&gt;搭建一个神经网络，看着它学习，观察它的内部，让各种优化器比赛，再写数字让它识别。&lt;br&gt;所有数值计算都用 NumPy 从零写成。MNIST：Yann LeCun 和 Corinna Cortes，CC BY-SA 3.0。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Training completed.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>Training stopped after diverging.</source>
        <translation>训练发散，已停止。</translation>
    </message>
    <message>
        <source>Training ended with an error.</source>
        <translation>训练因错误而结束。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>1-D gradient descent</source>
        <translation>一维梯度下降法</translation>
    </message>
    <message>
        <source>2-D playground</source>
        <translation>二维游乐场</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>误差反向传播法</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>教练</translation>
    </message>
    <message>
        <source>Could not export the data to {0}: {1}</source>
        <translation>无法将数据导出到 {0}：{1}</translation>
    </message>
    <message>
        <source>Could not export the plots to {0}: {1}</source>
        <translation>无法将图表导出到 {0}：{1}</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>写数字</translation>
    </message>
    <message>
        <source>Draw new initial weights with the seed and clear the history (Ctrl+R)</source>
        <translation>用随机种子重新生成权重初始值，并清除历史记录（Ctrl+R）</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Export ONNX…</source>
        <translation>导出 ONNX…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>导出数据（CSV）…</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Fitting a function</source>
        <translation>函数拟合（回归）</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度确认</translation>
    </message>
    <message>
        <source>Hyperparameter search</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <source>Learned features</source>
        <translation>学到的特征</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>Nudge a weight</source>
        <translation>微调一个权重</translation>
    </message>
    <message>
        <source>NumNet model</source>
        <translation>NumNet 模型</translation>
    </message>
    <message>
        <source>NumNet run</source>
        <translation>NumNet 训练记录</translation>
    </message>
    <message>
        <source>Open a saved model (Ctrl+O)</source>
        <translation>打开已保存的模型（Ctrl+O）</translation>
    </message>
    <message>
        <source>Open a saved run with its optimizer state and history (Ctrl+Shift+O)</source>
        <translation>打开已保存的训练记录，包括优化器状态和历史记录（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>打开训练记录…</translation>
    </message>
    <message>
        <source>Optimizer lab</source>
        <translation>优化器实验室</translation>
    </message>
    <message>
        <source>Optimizers on MNIST</source>
        <translation>MNIST 上的优化器</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>Pause or resume training (Space)</source>
        <translation>暂停或继续训练（Space）</translation>
    </message>
    <message>
        <source>Perceptron and logic gates</source>
        <translation>感知机与逻辑门</translation>
    </message>
    <message>
        <source>Put back the weights of the epoch with the lowest validation loss (Ctrl+B)</source>
        <translation>放回验证损失最低的那个纪元的权重 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit NumNet Studio (Ctrl+Q)</source>
        <translation>退出 NumNet Studio（Ctrl+Q）</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>Restore best epoch</source>
        <translation>恢复最佳纪元</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练对比</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation>保存训练记录…</translation>
    </message>
    <message>
        <source>Save the loss and accuracy data as CSV</source>
        <translation>把损失和准确率数据保存为 CSV</translation>
    </message>
    <message>
        <source>Save the loss and accuracy plots as PNG or SVG</source>
        <translation>把损失和准确率图表保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Save the network as an ONNX file for onnxruntime, Netron and other tools</source>
        <translation>把网络保存为 ONNX 文件，供 onnxruntime、Netron 等工具使用</translation>
    </message>
    <message>
        <source>Save the network&apos;s weights (Ctrl+S)</source>
        <translation>保存网络的权重（Ctrl+S）</translation>
    </message>
    <message>
        <source>Save the whole run: weights, optimizer state, history (Ctrl+Shift+S)</source>
        <translation>保存整个训练记录：权重、优化器状态、历史记录（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation>开始训练（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>训练一批</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>训练一个纪元</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training (Esc)</source>
        <translation>停止训练（Esc）</translation>
    </message>
    <message>
        <source>The network has been trained for {0} iterations since it was last saved. Save it first?</source>
        <translation>自上次保存以来，网络又训练了 {0} 次迭代。要先保存吗？</translation>
    </message>
    <message>
        <source>Train exactly one mini-batch, then pause (F10)</source>
        <translation>只训练一个小批量，然后暂停（F10）</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch, then pause (Shift+F10)</source>
        <translation>训练到当前纪元结束，然后暂停（Shift+F10）</translation>
    </message>
    <message>
        <source>Unsaved network</source>
        <translation>网络尚未保存</translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation>权重的初始值</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis: late, small improvements become visible.</source>
        <translation>用对数坐标显示损失：后期的微小改进也能看清。</translation>
    </message>
    <message>
        <source>Raw batch loss</source>
        <translation>原始批次损失</translation>
    </message>
    <message>
        <source>Each mini-batch&apos;s own loss. It is noisy because every batch is a different small sample of the data.</source>
        <translation>每个小批量自己的损失。它波动很大，因为每一批都是数据中不同的一小部分样本。</translation>
    </message>
    <message>
        <source>average of </source>
        <translation>平均 </translation>
    </message>
    <message>
        <source> batches</source>
        <translation> 个批次</translation>
    </message>
    <message>
        <source>Window of the moving average drawn over the batch loss</source>
        <translation>叠加在批次损失上的移动平均的窗口大小</translation>
    </message>
    <message>
        <source>Top: the loss function after every mini-batch (faint) and its moving average; dots are the loss per epoch on the training and validation data. Bottom: accuracy per epoch on training, validation and test data. Validation falling behind training is overfitting. Vertical lines mark a setting changed during training. Runs kept for comparison (see “Runs”) are drawn in their own colours: solid, the moving average of the batch loss and the validation accuracy; dashed, the validation loss and the training accuracy. Drag to pan, wheel to zoom, hover for values.</source>
        <translation>上图：每个小批量之后的损失函数（淡线）及其移动平均；圆点是每个纪元在训练数据和验证数据上的损失。下图：每个纪元在训练数据、验证数据和测试数据上的准确率。验证准确率落后于训练准确率，就是过拟合。竖线标出训练中修改了设置的位置。为对比而保留的训练（见“训练对比”）用各自的颜色画出：实线是批次损失的移动平均和验证准确率，虚线是验证损失和训练准确率。拖动可平移，滚轮缩放，悬停查看数值。</translation>
    </message>
    <message>
        <source>iteration (mini-batch)</source>
        <translation>迭代（小批量）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>批次损失</translation>
    </message>
    <message>
        <source>moving average</source>
        <translation>移动平均</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>训练（每纪元）</translation>
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation>验证（每纪元）</translation>
    </message>
    <message>
        <source>batch accuracy (moving average)</source>
        <translation>批次准确率（移动平均）</translation>
    </message>
    <message>
        <source>test (epoch)</source>
        <translation>测试（每纪元）</translation>
    </message>
    <message>
        <source>No training yet.

Press Start (Ctrl+Return) to train the network and watch its loss fall and its accuracy rise, batch by batch.</source>
        <translation>还没有训练。

按“开始”（Ctrl+Return）训练网络，看着它的损失一批一批地下降，准确率一批一批地上升。</translation>
    </message>
    <message>
        <source>iteration {0} · epoch {1} · loss {2:.4f} (average {3:.4f}) · batch accuracy {4:.1f}% · learning rate {5:g}</source>
        <translation>迭代 {0} · 纪元 {1} · 损失 {2:.4f}（平均 {3:.4f}）· 批次准确率 {4:.1f}% · 学习率 {5:g}</translation>
    </message>
    <message>
        <source> · validation accuracy (end of epoch) {0:.2f}%</source>
        <translation> · 验证准确率（纪元结束时）{0:.2f}%</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
</context>
<context>
    <name>NetworkControls</name>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>删除最后一个隐藏层</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>添加一个隐藏层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The activation function of every hidden layer (the output layer stays linear: softmax turns it into probabilities)</source>
        <translation>每个隐藏层的激活函数（输出层保持线性：由 Softmax 把它变成概率）</translation>
    </message>
    <message>
        <source>Neurons in this hidden layer</source>
        <translation>这个隐藏层的神经元数</translation>
    </message>
    <message numerus="yes">
        <source>%n hidden layer(s)</source>
        <translation>
            <numerusform>%n 个隐藏层</numerusform>
        </translation>
    </message>
    <message>
        <source>no hidden layer: a straight boundary</source>
        <translation>没有隐藏层：决策边界是直线</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Layer {0} has a problem: {1}</source>
        <translation>第 {0} 层有问题：{1}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Layer {0} ({1})</source>
        <translation>第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>{0}: {1} neurons, {2} drawn</source>
        <translation>{0}：{1} 个神经元，画出了 {2} 个</translation>
    </message>
    <message>
        <source>(drawn: the most strongly connected)</source>
        <translation>（画出的是连接最强的）</translation>
    </message>
    <message>
        <source>{0}: output {1}</source>
        <translation>{0}：输出 {1}</translation>
    </message>
    <message>
        <source>weights W[{0}]</source>
        <translation>权重 W[{0}]</translation>
    </message>
    <message>
        <source>biases b[{0}]</source>
        <translation>偏置 b[{0}]</translation>
    </message>
    <message>
        <source>{0}: neuron {1} of {2}</source>
        <translation>{0}：第 {1} 个神经元（共 {2} 个）</translation>
    </message>
    <message>
        <source>pixel row {0}, column {1}</source>
        <translation>像素：第 {0} 行，第 {1} 列</translation>
    </message>
    <message>
        <source>incoming weights: shown after Apply</source>
        <translation>输入权重：按“应用”后显示</translation>
    </message>
    <message>
        <source>incoming weights W[{0}][:, {1}]:</source>
        <translation>输入权重 W[{0}][:, {1}]：</translation>
    </message>
    <message>
        <source>  count {0}   |w| mean {1}</source>
        <translation>  个数 {0}   |w| 均值 {1}</translation>
    </message>
    <message>
        <source>  mean {0}   std {1}</source>
        <translation>  均值 {0}   标准差 {1}</translation>
    </message>
    <message>
        <source>  min {0}   max {1}</source>
        <translation>  最小 {0}   最大 {1}</translation>
    </message>
    <message>
        <source>bias b[{0}][{1}] = {2}</source>
        <translation>偏置 b[{0}][{1}] = {2}</translation>
    </message>
    <message>
        <source>{0}: count {1}, mean {2}, std {3}, min {4}, max {5}, |w| mean {6}</source>
        <translation>{0}：个数 {1}，均值 {2}，标准差 {3}，最小 {4}，最大 {5}，|w| 均值 {6}</translation>
    </message>
    <message>
        <source>  from unit {0}: w = {1} × a = {2} → {3}</source>
        <translation>  来自单元 {0}：w = {1} × a = {2} → {3}</translation>
    </message>
    <message>
        <source>Add layers to see the network here.</source>
        <translation>添加层后，这里会显示网络。</translation>
    </message>
    <message>
        <source>After Apply, lines show the weights: blue negative, red positive, thicker = larger. Hover a neuron for its weights.</source>
        <translation>按“应用”后，连线表示权重：蓝色为负，红色为正，越粗越大。把鼠标移到神经元上可查看它的权重。</translation>
    </message>
    <message>
        <source>Input {0} of {1}</source>
        <translation>输入 {0}（共 {1} 个）</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>Layer {0} ({1}): neuron {2}</source>
        <translation>第 {0} 层（{1}）：神经元 {2}</translation>
    </message>
    <message>
        <source>Only the input so far: add layers with “Add layer” or load a preset.</source>
        <translation>目前只有输入：用“添加层”添加层，或加载预设。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>a = {0}</source>
        <translation>a = {0}</translation>
    </message>
    <message>
        <source>b = {0}</source>
        <translation>b = {0}</translation>
    </message>
    <message>
        <source>dropout {0:g}</source>
        <translation>Dropout {0:g}</translation>
    </message>
    <message>
        <source>incoming weights: {0}, mean {1}, std {2}</source>
        <translation>输入权重：{0} 个，均值 {1}，标准差 {2}</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>units coloured by their activation a for {0}; click one</source>
        <translation>神经元按其对{0}的激活值 a 着色；可点击</translation>
    </message>
    <message>
        <source>weight, thickness = |w|</source>
        <translation>权重，粗细 = |w|</translation>
    </message>
    <message>
        <source>x = {0}</source>
        <translation>x = {0}</translation>
    </message>
    <message>
        <source>z = {0}</source>
        <translation>z = {0}</translation>
    </message>
    <message>
        <source>{0} pieces</source>
        <translation>{0} 个分段</translation>
    </message>
</context>
<context>
    <name>NeuronPictures</name>
    <message>
        <source>Input {0}</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <source>Output: P(class 1)</source>
        <translation>输出：P(类别 1)</translation>
    </message>
    <message>
        <source>Layer {0}, neuron {1}</source>
        <translation>第 {0} 层，神经元 {1}</translation>
    </message>
    <message>
        <source>The network&apos;s neurons appear here.</source>
        <translation>网络的神经元会显示在这里。</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
</context>
<context>
    <name>NotationCombo</name>
    <message>
        <source>Notation: write shapes as in the note you have open. Andrew Ng puts samples in columns (W[l] is (n[l], n[l−1]), Z[l] is (n[l], m)); &quot;Deep Learning from Scratch&quot; puts them in rows (X is (m, n), W is (n_in, n_out)), as the app computes.</source>
        <translation>记号：按你手边笔记的写法显示形状。吴恩达把样本按列排列（W[l] 为 (n[l], n[l−1])，Z[l] 为 (n[l], m)）；《深度学习入门》把样本按行排列（X 为 (m, n)，W 为 (n_in, n_out)），本程序也是这样计算的。</translation>
    </message>
</context>
<context>
    <name>NudgeWeightPanel</name>
    <message>
        <source>Which parameter array the weight belongs to</source>
        <translation>这个权重属于哪个参数数组</translation>
    </message>
    <message>
        <source>Index {0} of the entry</source>
        <translation>元素的第 {0} 个下标</translation>
    </message>
    <message>
        <source>The weight&apos;s value w (the network itself is not changed: this is a copy)</source>
        <translation>权重的值 w（不会改动网络本身：这里用的是副本）</translation>
    </message>
    <message>
        <source>Drag to change w within ± the span around its trained value</source>
        <translation>拖动以在训练所得值 ± 范围内改变 w</translation>
    </message>
    <message>
        <source>How far the slider and the plotted slice reach either side</source>
        <translation>滑块和所绘截面向两侧延伸的范围</translation>
    </message>
    <message>
        <source>Back to the trained value</source>
        <translation>恢复训练所得的值</translation>
    </message>
    <message>
        <source>Put w back to the value the network has</source>
        <translation>把 w 恢复为网络中的值</translation>
    </message>
    <message>
        <source>m = </source>
        <translation>m = </translation>
    </message>
    <message>
        <source>Training samples the loss is computed on</source>
        <translation>计算损失所用的训练样本数</translation>
    </message>
    <message>
        <source>The loss along this one weight, L(w), with everything else fixed; the dot is w, the red line the tangent with backprop&apos;s slope ∂L/∂w</source>
        <translation>只改变这一个权重、其余都固定时的损失 L(w)；圆点是 w，红线是斜率为误差反向传播法所得 ∂L/∂w 的切线</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <source>The softmax output for the first sample of the batch</source>
        <translation>这批数据中第一个样本的 Softmax 输出</translation>
    </message>
    <message>
        <source>Build a network to nudge one of its weights.</source>
        <translation>构建网络后即可微调它的一个权重。</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>出错：{0}</translation>
    </message>
    <message>
        <source>Sample 1 of the batch (label {0})</source>
        <translation>这批数据的第 1 个样本（标签 {0}）</translation>
    </message>
    <message>
        <source>{0}[{1}] = &lt;b&gt;{2:.5g}&lt;/b&gt; (trained value {3:.5g}) · loss L = &lt;b&gt;{4:.6g}&lt;/b&gt;&lt;br&gt;numerical slope ΔL/Δw = (L(w + h) − L(w − h)) / 2h, h = {5:g}: &lt;b&gt;{6:.6g}&lt;/b&gt;&lt;br&gt;backprop ∂L/∂w: &lt;b&gt;{7:.6g}&lt;/b&gt; · relative difference {8:.1e}</source>
        <translation>{0}[{1}] = &lt;b&gt;{2:.5g}&lt;/b&gt;（训练所得值 {3:.5g}）· 损失 L = &lt;b&gt;{4:.6g}&lt;/b&gt;&lt;br&gt;数值微分的斜率 ΔL/Δw = (L(w + h) − L(w − h)) / 2h，h = {5:g}：&lt;b&gt;{6:.6g}&lt;/b&gt;&lt;br&gt;误差反向传播法 ∂L/∂w：&lt;b&gt;{7:.6g}&lt;/b&gt; · 相对差 {8:.1e}</translation>
    </message>
</context>
<context>
    <name>OnnxExport</name>
    <message>
        <source>Could not write {0}.</source>
        <translation>无法写入 {0}。</translation>
    </message>
    <message>
        <source>Export ONNX</source>
        <translation>导出 ONNX</translation>
    </message>
    <message>
        <source>Exported the network to {0} ({1} parameters, ONNX opset {2}).</source>
        <translation>已将网络导出到 {0}（{1} 个参数，ONNX 算子集 {2}）。</translation>
    </message>
    <message>
        <source>Input “{0}”: a float32 batch of shape {1}, scaled as in training. Output “{2}”: shape {3}. onnxruntime, Netron and other ONNX tools can open the file.</source>
        <translation>输入“{0}”：形状为 {1} 的 float32 批量数据，缩放方式与训练时相同。输出“{2}”：形状为 {3}。onnxruntime、Netron 等 ONNX 工具都能打开此文件。</translation>
    </message>
    <message>
        <source>ONNX model (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Stop training first? The network is exported as it is then.</source>
        <translation>先停止训练吗？导出的是停止时的网络。</translation>
    </message>
    <message>
        <source>There is no network to export yet.</source>
        <translation>还没有可导出的网络。</translation>
    </message>
    <message>
        <source>This network cannot be exported to ONNX.</source>
        <translation>此网络无法导出为 ONNX。</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
</context>
<context>
    <name>OptimizerLabPanel</name>
    <message>
        <source>Click to start the paths there</source>
        <translation>点击以从该处出发</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Hover to read (x, y, f) of every path at a step</source>
        <translation>鼠标悬停可读取每条路径在某一步的 (x, y, f)</translation>
    </message>
    <message>
        <source>The function f(x, y) the optimizers go down</source>
        <translation>优化器要下降的函数 f(x, y)</translation>
    </message>
    <message>
        <source>steps: </source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>How many updates each optimizer takes</source>
        <translation>每个优化器更新多少次</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the paths step by step</source>
        <translation>逐步播放或暂停路径</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Show one more step</source>
        <translation>多显示一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start point</source>
        <translation>回到起点</translation>
    </message>
    <message>
        <source>Animation speed (steps per second)</source>
        <translation>动画速度（每秒步数）</translation>
    </message>
    <message>
        <source>Surface:</source>
        <translation>曲面：</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Learning rates:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>书中</translation>
    </message>
    <message>
        <source>The book&apos;s learning rates, tuned per method for x²/20 + y²</source>
        <translation>书中的学习率，针对 x²/20 + y² 为每种方法分别调好</translation>
    </message>
    <message>
        <source>Tuned</source>
        <translation>调优</translation>
    </message>
    <message>
        <source>Learning rates tuned per method for this surface</source>
        <translation>针对这个曲面为每种方法分别调好的学习率</translation>
    </message>
    <message>
        <source>All equal:</source>
        <translation>全部相同：</translation>
    </message>
    <message>
        <source>The same learning rate for every method</source>
        <translation>所有方法使用同一个学习率</translation>
    </message>
    <message>
        <source>The learning rate “All equal” gives every method</source>
        <translation>“全部相同”给每种方法的学习率</translation>
    </message>
    <message>
        <source>Compare with care: learning rates are not comparable across methods — SGD scales the gradient by lr, Adam and RMSProp step about lr whatever the gradient. The book&apos;s rates are tuned per method for x²/20 + y²; with one rate for all the ranking changes.</source>
        <translation>比较时要小心：不同方法的学习率不能直接比较——SGD 用 lr 缩放梯度，而 Adam 和 RMSProp 不论梯度大小，每步大约走 lr。书中的学习率是针对 x²/20 + y² 为每种方法分别调好的；所有方法用同一个学习率时，排名会改变。</translation>
    </message>
    <message>
        <source>log₁₀ f(x, y)</source>
        <translation>log₁₀ f(x, y)</translation>
    </message>
    <message>
        <source>f(x, y)</source>
        <translation>f(x, y)</translation>
    </message>
    <message>
        <source>f(x, y), log scale</source>
        <translation>f(x, y)，对数坐标</translation>
    </message>
    <message>
        <source>diverged at step {n}</source>
        <translation>在第 {n} 步发散</translation>
    </message>
    <message>
        <source>step {k}</source>
        <translation>第 {k} 步</translation>
    </message>
    <message>
        <source>{name} diverged at step {n}</source>
        <translation>{name} 在第 {n} 步发散</translation>
    </message>
    <message>
        <source> — the point flew off; try a smaller learning rate.</source>
        <translation>——点飞出去了；试试更小的学习率。</translation>
    </message>
    <message>
        <source>step {k} / {n}</source>
        <translation>第 {k} / {n} 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>OptimizerRacePanel</name>
    <message>
        <source>log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>用对数坐标显示损失</translation>
    </message>
    <message>
        <source>iterations: </source>
        <translation>迭代次数：</translation>
    </message>
    <message>
        <source>Mini-batches of 128 images each optimizer trains on</source>
        <translation>每个优化器训练的小批量个数（每批 128 张图像）</translation>
    </message>
    <message>
        <source>seed: </source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Chooses the initial weights and the mini-batches, the same for every optimizer</source>
        <translation>决定权重初始值和小批量，对每个优化器都相同</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Train the network once with each checked optimizer</source>
        <translation>用每个选中的优化器各训练一次网络</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the race after the current mini-batch</source>
        <translation>在当前小批量之后停止比赛</translation>
    </message>
    <message>
        <source>batch 128</source>
        <translation>批大小 128</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Training loss of each optimizer against the iteration: bold smoothed, faint raw</source>
        <translation>每个优化器的训练损失随迭代的变化：粗线为平滑后的，淡线为原始的</translation>
    </message>
    <message>
        <source>Press Run to train the same 5 × 100 ReLU network
with each checked optimizer (the book&apos;s ch06 experiment).</source>
        <translation>按“运行”，用每个选中的优化器训练同一个 5 × 100 的 ReLU 网络
（书中第 6 章的实验）。</translation>
    </message>
    <message>
        <source>Same network, same initial weights, same mini-batches — only the optimizer differs. Bold curves are smoothed like the book&apos;s figure; the faint ones are the raw batch losses. The rates are the book&apos;s defaults; each method has its own scale, so this is not a contest at equal tuning.</source>
        <translation>同样的网络、同样的权重初始值、同样的小批量——只有优化器不同。粗曲线像书中的图一样经过平滑；淡的是原始的批次损失。学习率是书中的默认值；每种方法有自己的尺度，所以这不是在同等调参下的比赛。</translation>
    </message>
    <message>
        <source>Check at least one optimizer.</source>
        <translation>请至少选中一个优化器。</translation>
    </message>
    <message>
        <source>Training {n} optimizers × {it} iterations…</source>
        <translation>正在训练 {n} 个优化器 × {it} 次迭代…</translation>
    </message>
    <message>
        <source>Final loss (smoothed): {summary}</source>
        <translation>最终损失（平滑后）：{summary}</translation>
    </message>
    <message>
        <source>Cancelled. Loss so far (smoothed): {summary}</source>
        <translation>已取消。目前的损失（平滑后）：{summary}</translation>
    </message>
    <message>
        <source>The race failed: {reason}</source>
        <translation>比赛失败：{reason}</translation>
    </message>
    <message>
        <source>  Diverged at iteration: {names} — try a smaller learning rate.</source>
        <translation>  发散（迭代次数）：{names}——试试更小的学习率。</translation>
    </message>
</context>
<context>
    <name>PerceptronPanel</name>
    <message>
        <source>The logic gate whose truth table the perceptron learns</source>
        <translation>感知机要学习其真值表的逻辑门</translation>
    </message>
    <message>
        <source>Learning rate η: how far one wrong answer moves the line</source>
        <translation>学习率 η：一次答错让直线移动多远</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Show the perceptron the next row of the truth table</source>
        <translation>把真值表的下一行给感知机看</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>一个纪元</translation>
    </message>
    <message>
        <source>The rest of this pass over the four rows</source>
        <translation>完成这一遍（四行）中剩下的部分</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step on its own until every row is right</source>
        <translation>自动单步，直到每一行都正确</translation>
    </message>
    <message>
        <source>Start at 0</source>
        <translation>从 0 开始</translation>
    </message>
    <message>
        <source>Start again from w₁ = w₂ = b = 0</source>
        <translation>从 w₁ = w₂ = b = 0 重新开始</translation>
    </message>
    <message>
        <source>Random start</source>
        <translation>随机开始</translation>
    </message>
    <message>
        <source>Start again from random w₁, w₂, b in [−0.5, 0.5]</source>
        <translation>从 [−0.5, 0.5] 中随机的 w₁、w₂、b 重新开始</translation>
    </message>
    <message>
        <source>Two layers (XOR)</source>
        <translation>两层（异或）</translation>
    </message>
    <message>
        <source>Learn NAND, OR and AND with the rule and wire them into XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂))</source>
        <translation>用学习规则学出与非门、或门和与门，再把它们连成 XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂))</translation>
    </message>
    <message>
        <source>The four inputs of the truth table (orange: output 0, blue: output 1) and the perceptron&apos;s line w₁x₁ + w₂x₂ + b = 0; the blue side is where it answers 1</source>
        <translation>真值表的四个输入（橙色：输出 0，蓝色：输出 1）和感知机的直线 w₁x₁ + w₂x₂ + b = 0；蓝色一侧是它回答 1 的区域</translation>
    </message>
    <message>
        <source>target t</source>
        <translation>目标 t</translation>
    </message>
    <message>
        <source>output y</source>
        <translation>输出 y</translation>
    </message>
    <message>
        <source>The truth table and what the perceptron answers now</source>
        <translation>真值表，以及感知机现在的回答</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hidden: NAND (red dashes), OR (green dashes); output: AND of the two</source>
        <translation>隐藏层：与非门（红色虚线）、或门（绿色虚线）；输出：两者的与</translation>
    </message>
    <message>
        <source>Learned with the rule in {0}, {1} and {2} epochs. Each hidden perceptron draws one line; the output answers 1 only between them.</source>
        <translation>用学习规则分别在 {0}、{1} 和 {2} 个纪元内学会。每个隐藏层感知机画一条直线；输出只在两条直线之间回答 1。</translation>
    </message>
    <message>
        <source>Two layers: {0} of 4 right. XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂)) — what one line cannot do, two layers can.</source>
        <translation>两层：4 行中对了 {0} 行。XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂))——一条直线做不到的，两层可以做到。</translation>
    </message>
    <message>
        <source>w₁ = {0}, w₂ = {1}, b = {2}</source>
        <translation>w₁ = {0}，w₂ = {1}，b = {2}</translation>
    </message>
    <message>
        <source>Press Step: the perceptron looks at one row at a time and moves its line only when it answers wrong.</source>
        <translation>按“单步”：感知机每次看一行，只有答错时才移动它的直线。</translation>
    </message>
    <message>
        <source>Epoch {0}, row ({1}, {2}): target t = {3}, output y = {4}</source>
        <translation>纪元 {0}，行 ({1}, {2})：目标 t = {3}，输出 y = {4}</translation>
    </message>
    <message>
        <source>right: nothing changes.</source>
        <translation>正确：什么也不变。</translation>
    </message>
    <message>
        <source>wrong: w ← w + η(t − y)x adds ({0}, {1}), b ← b + η(t − y) adds {2}.</source>
        <translation>错误：w ← w + η(t − y)x 加上 ({0}, {1})，b ← b + η(t − y) 加上 {2}。</translation>
    </message>
    <message numerus="yes">
        <source>Learned in %n epoch(s): all 4 rows right.</source>
        <translation>
            <numerusform>在 %n 个纪元内学会：4 行全部正确。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of 4 right. No straight line puts XOR&apos;s two 1s on one side and its two 0s on the other, so one perceptron never gets more than 3 of 4 (75%). Press Two layers.</source>
        <translation>4 行中对了 {0} 行。没有一条直线能把异或的两个 1 放在一侧、两个 0 放在另一侧，所以单个感知机最多只能对 3 行（75%）。请按“两层”。</translation>
    </message>
    <message>
        <source>{0} of 4 right.</source>
        <translation>4 行中对了 {0} 行。</translation>
    </message>
</context>
<context>
    <name>PlaygroundPanel</name>
    <message>
        <source>Train continuously; every change below takes effect at once</source>
        <translation>持续训练；下面的每个修改都立即生效</translation>
    </message>
    <message>
        <source>Train one epoch (one pass over the training points)</source>
        <translation>训练一个纪元（把训练数据的点过一遍）</translation>
    </message>
    <message>
        <source>New random initial weights; the data stay</source>
        <translation>重新随机初始化权重；数据不变</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认设置</translation>
    </message>
    <message>
        <source>The network and learning rate that solve this data set</source>
        <translation>能解决这个数据集的网络和学习率</translation>
    </message>
    <message>
        <source>learning rate </source>
        <translation>学习率 </translation>
    </message>
    <message>
        <source>Learning rate of the Adam optimizer; changes apply to the next mini-batch</source>
        <translation>Adam 优化器的学习率；修改从下一个小批量起生效</translation>
    </message>
    <message>
        <source>Every neuron&apos;s output over the plane (orange negative, blue positive), inputs on the left, the output on the right; lines are the weights (blue positive, orange negative). Point at a neuron to enlarge it.</source>
        <translation>每个神经元在整个平面上的输出（橙色为负，蓝色为正），左边是输入，右边是输出；连线是权重（蓝色为正，橙色为负）。把鼠标指向一个神经元可以放大它。</translation>
    </message>
    <message>
        <source>The network&apos;s probability of class 1 (blue) over the plane; white is the decision boundary. Points: orange class 0, blue class 1; a black rim marks test points.</source>
        <translation>网络在整个平面上给出的类别 1（蓝色）的概率；白色处是决策边界。点：橙色为类别 0，蓝色为类别 1；黑色描边表示测试数据。</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Draw the test points (black rim) too</source>
        <translation>同时画出测试数据的点（黑色描边）</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Colour each side of the boundary in one colour</source>
        <translation>决策边界的每一侧只用一种颜色</translation>
    </message>
    <message>
        <source>Press Play to train.</source>
        <translation>按“播放”开始训练。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>纪元</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Training and test loss after every epoch</source>
        <translation>每个纪元之后的训练损失和测试损失</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation>训练已停止：{0}</translation>
    </message>
    <message>
        <source>Epoch {0} · training loss {1:.3f}, accuracy {2:.1f}% · test loss {3:.3f}, accuracy {4:.1f}%</source>
        <translation>纪元 {0} · 训练损失 {1:.3f}，准确率 {2:.1f}% · 测试损失 {3:.3f}，准确率 {4:.1f}%</translation>
    </message>
    <message>
        <source>Epoch 0 · press Play to train.</source>
        <translation>纪元 0 · 按“播放”开始训练。</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>各类别的概率</translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation>还没有预测</translation>
    </message>
</context>
<context>
    <name>RunOverlay</name>
    <message>
        <source>Run {0}</source>
        <translation>训练 {0}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>The compared runs have the same settings and network.</source>
        <translation>所比较的各次训练设置与网络都相同。</translation>
    </message>
    <message>
        <source>Compared runs differ in: {0}</source>
        <translation>所比较的训练不同之处：{0}</translation>
    </message>
    <message>
        <source> · this run: {0}</source>
        <translation> · 本次训练：{0}</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>{0} min {1:02d} s</source>
        <translation>{0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <source>Final
validation</source>
        <translation>最终
验证准确率</translation>
    </message>
    <message>
        <source>Best
validation</source>
        <translation>最佳
验证准确率</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Every training run is kept when you apply a new network, reset the weights or open another model. Tick a run to draw its curves in “Loss and accuracy”; double-click or press F2 to rename it; Delete removes the selected runs. Accuracies are on the validation data (final: at the last epoch; best: the highest of any epoch) and on the test data.</source>
        <translation>每次应用新网络、重置权重或打开另一个模型时，之前的训练都会保留在这里。勾选一次训练即可在“损失与准确率”中画出它的曲线；双击或按 F2 重命名；Delete 删除所选训练。准确率为验证数据上的（最终：最后一个纪元的；最佳：所有纪元中最高的）以及测试数据上的。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected runs from the comparison (Delete)</source>
        <translation>从对比中移除所选训练（Delete）</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Give the selected run a name of your own (F2)</source>
        <translation>为所选训练起一个自己的名字（F2）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the table, with every setting of every run, as a CSV file for a spreadsheet</source>
        <translation>将此表连同每次训练的全部设置保存为 CSV 文件，可用电子表格打开</translation>
    </message>
    <message>
        <source>No runs kept yet.

Train a network, then apply another architecture, reset the weights or change a setting and train again: each run is kept here, and ticked runs are drawn side by side in “Loss and accuracy”.</source>
        <translation>还没有保留的训练。

先训练一个网络，再应用另一种架构、重置权重或修改设置后重新训练：每次训练都会保留在这里，勾选的训练会在“损失与准确率”中并排画出。</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>本次训练</translation>
    </message>
    <message>
        <source>The run you are training now, always drawn in “Loss and accuracy”. It is kept as a run of its own when you apply another network, reset the weights or open a model.</source>
        <translation>正在训练的这次运行，总会画在“损失与准确率”中。应用另一个网络、重置权重或打开模型时，它会作为单独的一次运行保留下来。</translation>
    </message>
    <message>
        <source>Tick to draw this run in “Loss and accuracy”; double-click to rename it</source>
        <translation>勾选后在“损失与准确率”中画出这次训练；双击可重命名</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n run(s) from the comparison.</source>
        <translation>
            <numerusform>已从对比中移除 %n 次训练。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出训练对比</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Could not export the runs to {0}: {1}</source>
        <translation>无法将训练对比导出到 {0}：{1}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to {0}.</source>
        <translation>
            <numerusform>已将 %n 次训练导出到 {0}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavePaths</name>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Not saved: {0} ends in .{1}, but this can only be saved as {2}. Choose a name ending in {2} (or none: it is added).</source>
        <translation>未保存：{0} 的扩展名是 .{1}，但这里只能保存为 {2}。请选择以 {2} 结尾的文件名（或不写扩展名：会自动加上）。</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{0} already exists. Replace it?</source>
        <translation>{0} 已经存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Random search for good hyperparameters, as in the book: each trial draws a learning rate and a weight decay λ at random on log scales, trains the network on part of the training data and is judged by its accuracy on the validation data (never the test data).</source>
        <translation>像书中一样随机搜索好的超参数：每次试验在对数尺度上随机抽取一个学习率和一个权值衰减系数 λ，用一部分训练数据训练网络，并以它在验证数据（绝不是测试数据）上的准确率来评判。</translation>
    </message>
    <message>
        <source>the book&apos;s 6 × 100 ReLU on MNIST</source>
        <translation>书中的 6 × 100 ReLU 网络，MNIST</translation>
    </message>
    <message>
        <source>your network and data (Architecture)</source>
        <translation>你的网络和数据（网络结构面板）</translation>
    </message>
    <message>
        <source>Which network the trials train. Yours starts every trial from its current initial weights.</source>
        <translation>试验训练哪个网络。选你的网络时，每次试验都从它当前的权重初始值开始。</translation>
    </message>
    <message>
        <source>The optimizer every trial uses (the book: SGD)</source>
        <translation>每次试验使用的优化器（书中：SGD）</translation>
    </message>
    <message>
        <source>trials: </source>
        <translation>试验次数：</translation>
    </message>
    <message>
        <source>How many random settings to try (the book: 100; each takes about half a second with the book&apos;s network)</source>
        <translation>要尝试多少组随机设置（书中：100；用书中的网络每次约半秒）</translation>
    </message>
    <message>
        <source>epochs: </source>
        <translation>纪元数：</translation>
    </message>
    <message>
        <source>Epochs each trial trains (the book: 50)</source>
        <translation>每次试验训练的纪元数（书中：50）</translation>
    </message>
    <message>
        <source>samples: </source>
        <translation>样本数：</translation>
    </message>
    <message>
        <source>The first N training images; 20% of them are the validation data (the book: 500)</source>
        <translation>前 N 张训练图像；其中 20% 作为验证数据（书中：500）</translation>
    </message>
    <message>
        <source>seed: </source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Draws the trials&apos; settings and the initial weights: the same seed repeats the search</source>
        <translation>决定各次试验的设置和权重初始值：同一个种子会重复同样的搜索</translation>
    </message>
    <message>
        <source>The range is drawn on a log scale: 10 to the power of a number drawn uniformly between these two exponents</source>
        <translation>在对数尺度上抽取：10 的幂，指数在这两个数之间均匀随机抽取</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>weight decay λ</source>
        <translation>权值衰减 λ</translation>
    </message>
    <message>
        <source>Run search</source>
        <translation>开始搜索</translation>
    </message>
    <message>
        <source>Train every trial in the background</source>
        <translation>在后台训练每次试验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the search after the current mini-batch</source>
        <translation>在当前小批量之后停止搜索</translation>
    </message>
    <message>
        <source>How much of the search is done</source>
        <translation>搜索完成了多少</translation>
    </message>
    <message>
        <source>Use the best trial for training</source>
        <translation>用最佳试验的设置训练</translation>
    </message>
    <message>
        <source>Set the training controls&apos; optimizer, learning rate and weight decay to the best trial&apos;s</source>
        <translation>把训练控件的优化器、学习率和权值衰减设为最佳试验的值</translation>
    </message>
    <message>
        <source>Press Run search. The book found the best trials at learning rates of about 0.001 – 0.01 and weight decay of about 10⁻⁸ – 10⁻⁶, with validation accuracy about 80%.</source>
        <translation>按“开始搜索”。书中找到的最佳试验的学习率约为 0.001 – 0.01，权值衰减约为 10⁻⁸ – 10⁻⁶，验证准确率约 80%。</translation>
    </message>
    <message>
        <source>Cannot search: {0}</source>
        <translation>无法搜索：{0}</translation>
    </message>
    <message>
        <source>Searching: {0} trials…</source>
        <translation>正在搜索：{0} 次试验…</translation>
    </message>
    <message>
        <source>Cannot use trial {0}: {1}</source>
        <translation>无法使用试验 {0}：{1}</translation>
    </message>
    <message>
        <source>Training settings: {0}, learning rate {1:.3g}, weight decay {2:.2e} (trial {3})</source>
        <translation>训练设置：{0}，学习率 {1:.3g}，权值衰减 {2:.2e}（试验 {3}）</translation>
    </message>
    <message>
        <source>{0} trials in {1:.0f} s.</source>
        <translation>{0} 次试验，用时 {1:.0f} 秒。</translation>
    </message>
    <message>
        <source>Cancelled after {0:.0f} s.</source>
        <translation>{0:.0f} 秒后已取消。</translation>
    </message>
    <message>
        <source>The search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
    <message>
        <source>Best: validation accuracy {0:.1f}% at learning rate {1:.3g}, weight decay {2:.2e} (trial {3}).</source>
        <translation>最佳：验证准确率 {0:.1f}%，学习率 {1:.3g}，权值衰减 {2:.2e}（试验 {3}）。</translation>
    </message>
    <message>
        <source>Trial {0} of {1}…</source>
        <translation>第 {0} 次试验，共 {1} 次…</translation>
    </message>
    <message>
        <source>Best so far: {0:.1f}% (learning rate {1:.3g}, weight decay {2:.2e}).</source>
        <translation>目前最佳：{0:.1f}%（学习率 {1:.3g}，权值衰减 {2:.2e}）。</translation>
    </message>
</context>
<context>
    <name>SearchScatter</name>
    <message>
        <source>Each trial&apos;s learning rate and weight decay (both on log scales), coloured by its validation accuracy; the ring marks the best trial</source>
        <translation>每次试验的学习率和权值衰减（都在对数尺度上），颜色表示它的验证准确率；圆圈标出最佳试验</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>weight decay λ</source>
        <translation>权值衰减 λ</translation>
    </message>
</context>
<context>
    <name>SessionButtons</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>Write a digit with the mouse and watch a trained network read it as you draw; it works right away.</source>
        <translation>用鼠标写一个数字，看训练好的网络边写边识别；马上就能用。</translation>
    </message>
    <message>
        <source>Train your first network</source>
        <translation>训练你的第一个网络</translation>
    </message>
    <message>
        <source>Start training and watch the loss fall and the accuracy rise, batch by batch and epoch by epoch.</source>
        <translation>开始训练，看着损失下降、准确率上升，一批接一批，一个纪元接一个纪元。</translation>
    </message>
    <message>
        <source>Look inside</source>
        <translation>看看内部</translation>
    </message>
    <message>
        <source>See the layers and their matrix sizes, the weights as heatmaps, and the features the first layer has learned.</source>
        <translation>查看各层及其矩阵的维数、以热力图显示的权重，以及第一层学到的特征。</translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <source>Race SGD, Momentum, AdaGrad and Adam on the book&apos;s surface x²/20 + y², and step gradient descent by hand.</source>
        <translation>让 SGD、Momentum、AdaGrad 和 Adam 在书中的曲面 x²/20 + y² 上比赛，并亲手一步步执行梯度下降法。</translation>
    </message>
    <message>
        <source>Welcome to NumNet Studio</source>
        <translation>欢迎使用 NumNet Studio</translation>
    </message>
    <message>
        <source>Deep learning comes down to three steps. In this app you can see each of them, change it, and watch what happens.</source>
        <translation>深度学习归结为三个步骤。在这个应用里，每一步你都能看到、修改，并观察会发生什么。</translation>
    </message>
    <message>
        <source>Where to begin</source>
        <translation>从哪里开始</translation>
    </message>
    <message>
        <source>Opens: {0}.</source>
        <translation>打开：{0}。</translation>
    </message>
    <message>
        <source>Also starts training (pause with Space, stop with Esc).</source>
        <translation>同时开始训练（Space 暂停，Esc 停止）。</translation>
    </message>
    <message>
        <source>All concepts of the course notes…</source>
        <translation>课程笔记中的所有概念…</translation>
    </message>
    <message>
        <source>A list of every concept in the notes with its Chinese term, and the panels that show it (also under Help → Concepts).</source>
        <translation>列出笔记中的每个概念及其中文术语，以及显示它的面板（也可在“帮助 → 概念”中找到）。</translation>
    </message>
    <message>
        <source>the architecture: which functions the network can compute</source>
        <translation>网络结构：网络能计算哪些函数</translation>
    </message>
    <message>
        <source>the loss: how far its answers are from the right ones</source>
        <translation>损失函数：它的答案离正确答案有多远</translation>
    </message>
    <message>
        <source>the optimizer: how the weights move to lower the loss</source>
        <translation>优化器：权重如何移动以降低损失</translation>
    </message>
    <message>
        <source>Step {0} of the three steps of deep learning: {1}.</source>
        <translation>深度学习三步骤的第 {0} 步：{1}。</translation>
    </message>
</context>
<context>
    <name>StatsThread</name>
    <message>
        <source>Layer statistics failed and are off for this run: {0}</source>
        <translation>层统计计算失败，本次运行中已关闭：{0}</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Setting not changed: {0}</source>
        <translation>设置未更改：{0}</translation>
    </message>
    <message>
        <source>{0}: this model does not fit the {1} data set</source>
        <translation>{0}：这个模型不适用于 {1} 数据集</translation>
    </message>
    <message>
        <source>Opened {0}.</source>
        <translation>已打开 {0}。</translation>
    </message>
    <message>
        <source>Opened run {0}; press Start to continue it.</source>
        <translation>已打开训练记录 {0}；按“开始”继续训练。</translation>
    </message>
    <message>
        <source>There is no training run to save yet; save the model instead.</source>
        <translation>还没有可保存的训练记录；请改为保存模型。</translation>
    </message>
    <message>
        <source>Saved model to {0}.</source>
        <translation>已将模型保存到 {0}。</translation>
    </message>
    <message>
        <source>Saved run to {0}.</source>
        <translation>已将训练记录保存到 {0}。</translation>
    </message>
    <message>
        <source>Stop training before changing the data set.</source>
        <translation>更换数据集之前请先停止训练。</translation>
    </message>
    <message>
        <source>Could not load the data set: {0}</source>
        <translation>无法加载数据集：{0}</translation>
    </message>
    <message>
        <source>Stop training before rebuilding the network.</source>
        <translation>重建网络之前请先停止训练。</translation>
    </message>
    <message>
        <source>Invalid network: {0}</source>
        <translation>无效的网络：{0}</translation>
    </message>
    <message>
        <source>Weights re-initialised with seed {0}.</source>
        <translation>已用种子 {0} 重新初始化权重。</translation>
    </message>
    <message>
        <source>Weights of epoch {0} restored: its validation loss, {1:.4f}, was the lowest of the run.</source>
        <translation>已恢复第 {0} 个纪元的权重:它的验证损失 {1:.4f} 是本次训练中最低的。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>MNIST handwritten digits</source>
        <translation>MNIST 手写数字</translation>
    </message>
    <message>
        <source>Toy 2-D: {0}</source>
        <translation>二维玩具数据：{0}</translation>
    </message>
    <message>
        <source>IDX folder (MNIST format)…</source>
        <translation>IDX 文件夹（MNIST 格式）…</translation>
    </message>
    <message>
        <source>Ready. Settings marked live can change while training runs.</source>
        <translation>就绪。标为实时的设置可以在训练进行中修改。</translation>
    </message>
    <message>
        <source>Training. Optimizer, learning rate, batch size, L2 and dropout apply from the next mini-batch.</source>
        <translation>训练中。优化器、学习率、批大小、L2 和 Dropout 从下一个小批量起生效。</translation>
    </message>
    <message>
        <source>Paused. Press Space to resume or step one batch at a time.</source>
        <translation>已暂停。按 Space 继续，或一次训练一批。</translation>
    </message>
    <message>
        <source>Finished. Start trains further from the current weights; Reset (Ctrl+R) starts over.</source>
        <translation>已完成。“开始”会从当前权重继续训练；“重置权重”（Ctrl+R）从头开始。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>{0} ms/batch</source>
        <translation>{0} 毫秒/批</translation>
    </message>
    <message>
        <source>Folder with train-images-idx3-ubyte(.gz) and friends</source>
        <translation>包含 train-images-idx3-ubyte(.gz) 等文件的文件夹</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>epoch {0}</source>
        <translation>纪元 {0}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>{0:,.0f} samples/s</source>
        <translation>{0:,.0f} 样本/秒</translation>
    </message>
    <message>
        <source>elapsed {0}</source>
        <translation>用时 {0}</translation>
    </message>
    <message>
        <source>epoch %p%</source>
        <translation>纪元 %p%</translation>
    </message>
    <message>
        <source>— samples/s</source>
        <translation>— 样本/秒</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>The training process ended unexpectedly (exit code {0}). The network keeps the weights it had when this run started.</source>
        <translation>训练进程意外结束（退出码 {0}）。网络保留本次训练开始时的权重。</translation>
    </message>
</context>
<context>
    <name>TrialsTable</name>
    <message>
        <source>trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The trial&apos;s number, in the order they were drawn and trained</source>
        <translation>试验的编号，按抽取和训练的顺序</translation>
    </message>
    <message>
        <source>The trial&apos;s learning rate</source>
        <translation>试验的学习率</translation>
    </message>
    <message>
        <source>The trial&apos;s weight decay λ (L2)</source>
        <translation>试验的权值衰减 λ（L2）</translation>
    </message>
    <message>
        <source>Accuracy on the validation data after the last epoch: what the search ranks by</source>
        <translation>最后一个纪元之后在验证数据上的准确率：搜索按它排名</translation>
    </message>
    <message>
        <source>Accuracy on the trial&apos;s own training data (inference mode)</source>
        <translation>在该试验自己的训练数据上的准确率（推理模式）</translation>
    </message>
    <message>
        <source>Waiting, training, done or diverged</source>
        <translation>等待、训练中、完成或发散</translation>
    </message>
    <message>
        <source>Every trial of the search; click a column&apos;s title to sort by it, double-click a trial to use its settings for training</source>
        <translation>搜索的每次试验；点击列标题按该列排序，双击一次试验可把它的设置用于训练</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Which layer&apos;s weights to show</source>
        <translation>显示哪一层的权重</translation>
    </message>
    <message>
        <source>Robust colours</source>
        <translation>稳健配色</translation>
    </message>
    <message>
        <source>Scale colours to the 99th percentile of |w| instead of the largest |w|, so a few large weights do not wash out all the others</source>
        <translation>按 |w| 的第 99 百分位数而不是最大的 |w| 来缩放颜色，这样少数大权重不会让其他权重都褪色</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>The chosen layer&apos;s weight matrix W: a row per input, a column per neuron of the layer (W has shape (n_in, n_out)). Blue is negative, red positive; hover a cell for its value. Drag to pan, wheel to zoom.</source>
        <translation>所选层的权重矩阵 W：每个输入一行，该层的每个神经元一列（W 的形状为 (n_in, n_out)）。蓝色为负，红色为正；悬停在单元格上可查看它的值。拖动可平移，滚轮缩放。</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>Build or train a network to see its weights.</source>
        <translation>构建或训练一个网络，就能看到它的权重。</translation>
    </message>
    <message>
        <source>Layer {i} · {kind} {f} filters {kh}×{kw}</source>
        <translation>第 {i} 层 · {kind} {f} 个 {kh}×{kw} 滤波器</translation>
    </message>
    <message>
        <source>Layer {i} · {kind} {n_in} → {n_out}</source>
        <translation>第 {i} 层 · {kind} {n_in} → {n_out}</translation>
    </message>
    <message>
        <source> · step {0}</source>
        <translation> · 第 {0} 步</translation>
    </message>
    <message>
        <source>W {shape} · max |w| {max} · colours ±{top}{step}</source>
        <translation>W {shape} · 最大 |w| {max} · 颜色 ±{top}{step}</translation>
    </message>
    <message>
        <source>output unit (class)</source>
        <translation>输出神经元（类别）</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>隐藏层神经元</translation>
    </message>
    <message>
        <source>input pixel</source>
        <translation>输入像素</translation>
    </message>
    <message>
        <source>pixel {r} (row {y}, col {x})</source>
        <translation>像素 {r}（第 {y} 行，第 {x} 列）</translation>
    </message>
    <message>
        <source>input feature</source>
        <translation>输入特征</translation>
    </message>
    <message>
        <source>input {r}</source>
        <translation>输入 {r}</translation>
    </message>
    <message>
        <source>unit of layer {0}</source>
        <translation>第 {0} 层的神经元</translation>
    </message>
    <message>
        <source>unit {r} of layer {p}</source>
        <translation>第 {p} 层的神经元 {r}</translation>
    </message>
    <message>
        <source>input feature (flattened)</source>
        <translation>输入特征（展平后）</translation>
    </message>
    <message>
        <source>feature {r}</source>
        <translation>特征 {r}</translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation>类别 {c}</translation>
    </message>
    <message>
        <source>unit {c}</source>
        <translation>神经元 {c}</translation>
    </message>
    <message>
        <source>{src} → {dst}: w = {v}</source>
        <translation>{src} → {dst}：w = {v}</translation>
    </message>
    <message>
        <source>filters, {n} per row ({kh}×{kw} each)</source>
        <translation>滤波器，每行 {n} 个（每个 {kh}×{kw}）</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>output filter</source>
        <translation>输出滤波器</translation>
    </message>
    <message>
        <source>filter {f} · channel {c} · kernel row {i}, col {j}: w = {v}</source>
        <translation>滤波器 {f} · 通道 {c} · 卷积核第 {i} 行，第 {j} 列：w = {v}</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>identity (none)</source>
        <translation>恒等函数（无）</translation>
    </message>
    <message>
        <source>No activation: the layer stays linear. The output layer keeps it, because the loss applies softmax itself (classification) or compares z with the target directly (regression).</source>
        <translation>没有激活函数：该层保持线性。输出层用它，因为损失函数自己会做 Softmax（分类），或直接把 z 与目标比较（回归）。</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>A smooth step from 0 to 1. Its slope is at most 0.25 and almost 0 for large |z|, so in deep networks gradients vanish.</source>
        <translation>从 0 到 1 的平滑阶跃。它的斜率最大只有 0.25，|z| 较大时几乎为 0，所以在深层网络中梯度会消失。</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>A sigmoid centred on 0, from −1 to 1, with slope 1 at 0; it still saturates for large |z|.</source>
        <translation>以 0 为中心的 sigmoid，取值从 −1 到 1，在 0 处斜率为 1；|z| 较大时仍会饱和。</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Passes positive values and zeroes the rest. Its slope is 1 wherever it is active, so deep networks train fast; a unit that is never active is dead and stops learning.</source>
        <translation>让正值通过，把其余的置为 0。只要处于激活状态，斜率就是 1，所以深层网络训练得快；从不激活的神经元就“死”了，不再学习。</translation>
    </message>
    <message>
        <source>leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>ReLU with a small slope for negative inputs, so a unit never dies completely.</source>
        <translation>对负输入保留一个小斜率的 ReLU，所以神经元永远不会完全死亡。</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>ReLU with a smooth negative part that tends to −1: outputs are closer to zero-centred.</source>
        <translation>负半轴平滑地趋向 −1 的 ReLU：输出更接近以 0 为中心。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>阶跃函数</translation>
    </message>
    <message>
        <source>The perceptron&apos;s activation. Its slope is 0 everywhere, so no gradient flows back: gradient descent cannot train it.</source>
        <translation>感知机的激活函数。它的斜率处处为 0，所以没有梯度能反向传回：梯度下降法无法训练它。</translation>
    </message>
</context>
<context>
    <name>chain_rule</name>
    <message>
        <source>Buying apples</source>
        <translation>买苹果</translation>
    </message>
    <message>
        <source>2 apples at 100 each, then 10% tax: price = apple × number × tax. Backward, each edge gets how much the price changes per unit of that value.</source>
        <translation>2 个苹果，每个 100，再加 10% 消费税：支付金额 = 苹果单价 × 个数 × 消费税。反向时，每条边得到该值每变化一个单位、支付金额变化多少。</translation>
    </message>
    <message>
        <source>apple</source>
        <translation>苹果单价</translation>
    </message>
    <message>
        <source>number of apples</source>
        <translation>苹果个数</translation>
    </message>
    <message>
        <source>tax</source>
        <translation>消费税</translation>
    </message>
    <message>
        <source>apple price</source>
        <translation>苹果总价</translation>
    </message>
    <message>
        <source>price</source>
        <translation>支付金额</translation>
    </message>
    <message>
        <source>Apples and oranges</source>
        <translation>买苹果和橘子</translation>
    </message>
    <message>
        <source>2 apples at 100 and 3 oranges at 150, then 10% tax. The + node passes its upstream gradient unchanged to both inputs; a × node swaps its inputs.</source>
        <translation>2 个苹果每个 100、3 个橘子每个 150，再加 10% 消费税。加法节点把上游梯度原样传给两个输入；乘法节点把两个输入交换后相乘。</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>橘子单价</translation>
    </message>
    <message>
        <source>number of oranges</source>
        <translation>橘子个数</translation>
    </message>
    <message>
        <source>orange price</source>
        <translation>橘子总价</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>One neuron: z = w₁x₁ + w₂x₂ + b, a = f(z). Backward, the gradient of each weight is the upstream gradient times its input — the same rule as dW = Xᵀ·dZ.</source>
        <translation>一个神经元：z = w₁x₁ + w₂x₂ + b，a = f(z)。反向时，每个权重的梯度是上游梯度乘以它的输入——与 dW = Xᵀ·dZ 是同一条规则。</translation>
    </message>
    <message>
        <source>One neuron (sigmoid)</source>
        <translation>一个神经元（sigmoid）</translation>
    </message>
    <message>
        <source>One neuron (ReLU)</source>
        <translation>一个神经元（ReLU）</translation>
    </message>
    <message>
        <source>black: forward value</source>
        <translation>黑色：正向的值</translation>
    </message>
    <message>
        <source>red: gradient of the output (backward)</source>
        <translation>红色：输出的梯度（反向）</translation>
    </message>
</context>
<context>
    <name>coach</name>
    <message>
        <source>A ReLU unit whose weighted sum is negative for every input outputs 0 and passes back a gradient of 0 in backpropagation, so it never recovers: it is dead. Large learning-rate steps kill units; leaky ReLU keeps a small slope below 0, and He initialization (σ = √(2/n)) starts the units in a healthy range.</source>
        <translation>一个 ReLU 神经元如果对每个输入的加权和都是负数，就输出 0，在误差反向传播中传回的梯度也是 0，所以它再也恢复不了：它死了。学习率太大的步长会杀死神经元；Leaky ReLU 在 0 以下保留一个小斜率，He 初始化（σ = √(2/n)）让神经元从合适的范围开始。</translation>
    </message>
    <message>
        <source>Accuracy at chance</source>
        <translation>准确率停在随机水平</translation>
    </message>
    <message>
        <source>Accuracy is {acc}% after an epoch: guessing gives {chance}%.</source>
        <translation>一个纪元后准确率只有 {acc}%：随机猜也能达到 {chance}%。</translation>
    </message>
    <message>
        <source>Backpropagation multiplies the derivatives of every layer (the chain rule). Sigmoid&apos;s derivative is at most 0.25, so through many layers the gradient shrinks towards 0 and the first layers barely learn. ReLU passes a slope of 1, He initialization keeps the signal&apos;s size, and batch normalization keeps every layer&apos;s inputs well scaled.</source>
        <translation>误差反向传播把每一层的导数相乘（链式法则）。sigmoid 的导数最大只有 0.25，所以经过许多层后梯度缩小到接近 0，前几层几乎学不到东西。ReLU 传回的斜率是 1，He 初始化保持信号的大小，Batch Normalization 让每一层的输入保持合适的尺度。</translation>
    </message>
    <message>
        <source>Dead ReLUs</source>
        <translation>死亡的 ReLU</translation>
    </message>
    <message>
        <source>Gradient descent moves the weights by the learning rate times the gradient. With a learning rate of {lr} the steps are so small that the loss barely changes: the learning rate is a hyperparameter you have to choose.</source>
        <translation>梯度下降法每一步把权重移动“学习率 × 梯度”。学习率为 {lr} 时步长太小，损失几乎不变：学习率是一个需要你来选择的超参数。</translation>
    </message>
    <message>
        <source>Loss is flat</source>
        <translation>损失几乎不变</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>Raises L2 (weight decay) and, if the network has dropout layers, the dropout rate; they apply from the next batch.</source>
        <translation>调大 L2（权值衰减）；如果网络有 Dropout 层，也调高 Dropout 比率。从下一个小批量起生效。</translation>
    </message>
    <message>
        <source>Rebuilds the network with ReLU and He initialization, or with batch normalization after each hidden layer if it already uses ReLU (new weights).</source>
        <translation>用 ReLU 和 He 初始化重建网络；如果网络已经用 ReLU，则在每个隐藏层之后加入 Batch Normalization（新的权重）。</translation>
    </message>
    <message>
        <source>Sets slow motion to {delay} ms per mini-batch for the next run.</source>
        <translation>下一次训练把慢动作设为每个小批量 {delay} 毫秒。</translation>
    </message>
    <message>
        <source>Sets the learning rate from {lr} to {new_lr} and rebuilds the network with new initial weights (the run so far is discarded).</source>
        <translation>把学习率从 {lr} 改为 {new_lr}，并用新的初始权重重建网络（到目前为止的训练会被丢弃）。</translation>
    </message>
    <message>
        <source>Sets the learning rate from {lr} to {new_lr}; it applies from the next batch.</source>
        <translation>把学习率从 {lr} 改为 {new_lr}，从下一个小批量起生效。</translation>
    </message>
    <message>
        <source>Sets the learning rate to {new_lr} and rebuilds the network with leaky ReLU and He initialization (new weights).</source>
        <translation>把学习率改为 {new_lr}，并用 Leaky ReLU 和 He 初始化重建网络（新的权重）。</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradients are {ratio} times the last layer&apos;s.</source>
        <translation>第一层的梯度只有最后一层的 {ratio} 倍。</translation>
    </message>
    <message>
        <source>The loss went only from {start} to {end} over the first epoch.</source>
        <translation>第一个纪元中损失只从 {start} 降到 {end}。</translation>
    </message>
    <message>
        <source>The network has learned nothing yet. A learning rate that is too large makes gradient descent overshoot and can wreck the weights, e.g. drive every ReLU to zero output. A smaller step and fresh initial weights usually get it learning.</source>
        <translation>网络还什么都没学到。学习率太大会让梯度下降一步迈过头，甚至毁掉权重，例如让所有 ReLU 都输出 0。换一个更小的步长和新的权重初始值，通常就能让它开始学习。</translation>
    </message>
    <message>
        <source>The network is memorising its training data (overfitting): it keeps getting better on them but worse on the validation data it never trains on. Regularization fights this: weight decay (L2) pulls the weights towards zero and dropout switches off random neurons. Early stopping keeps the epoch with the lowest validation loss, here epoch {best}.</source>
        <translation>网络在死记训练数据（过拟合）：它在训练数据上越来越好，在从未训练过的验证数据上却越来越差。正则化可以对抗过拟合：权值衰减（L2）把权重拉向 0，Dropout 随机关闭一些神经元。早停保留验证损失最低的那个纪元，这里是第 {best} 个纪元。</translation>
    </message>
    <message>
        <source>The run took only {seconds} s for {steps} iterations.</source>
        <translation>这次训练 {steps} 次迭代只用了 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Too fast to watch</source>
        <translation>快得看不清</translation>
    </message>
    <message>
        <source>Training this small finishes before the plots can show how it learns. Slow motion pauses after every mini-batch, so you can watch the loss fall and the weights change iteration by iteration.</source>
        <translation>这么小的训练在曲线来得及显示它如何学习之前就结束了。慢动作在每个小批量之后暂停，让你一次迭代一次迭代地看损失下降、权重变化。</translation>
    </message>
    <message>
        <source>Validation loss rose for {epochs} epochs while the training loss fell.</source>
        <translation>训练损失在下降，验证损失却连续 {epochs} 个纪元上升。</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <source>{percent}% of the units of {layer} never fire on the probe batch.</source>
        <translation>{layer} 中有 {percent}% 的神经元对探测批次从不激活。</translation>
    </message>
</context>
<context>
    <name>concepts</name>
    <message>
        <source>Neuron: weighted sum, bias, activation</source>
        <translation>神经元：加权和、偏置、激活函数</translation>
    </message>
    <message>
        <source>A neuron computes t = f(wᵀa + b): the weighted sum of its inputs plus a bias, passed through an activation function f.</source>
        <translation>神经元计算 t = f(wᵀa + b)：输入的加权和加上偏置，再通过激活函数 f。</translation>
    </message>
    <message>
        <source>Perceptron as a logic gate, and XOR</source>
        <translation>感知机作为逻辑门，以及异或</translation>
    </message>
    <message>
        <source>One layer draws a single straight line between two classes: enough for AND, NAND and OR but not for XOR (try the XOR data set with and without a hidden layer).</source>
        <translation>单层只能在两类之间画一条直线：足以实现与门、与非门和或门，却实现不了异或（用 XOR 数据集分别试试有隐藏层和没有隐藏层的网络）。</translation>
    </message>
    <message>
        <source>Activation functions and their derivatives</source>
        <translation>激活函数及其导数</translation>
    </message>
    <message>
        <source>The non-linear f of each layer (step, sigmoid, tanh, ReLU, leaky ReLU, ELU, maxout); its derivative f′ decides how much gradient flows back through it.</source>
        <translation>每一层的非线性函数 f（阶跃函数、sigmoid、tanh、ReLU、Leaky ReLU、ELU、Maxout）；它的导数 f′ 决定有多少梯度能反向传过它。</translation>
    </message>
    <message>
        <source>Fully connected feed-forward network</source>
        <translation>全连接前馈网络</translation>
    </message>
    <message>
        <source>Layers in a row, each neuron connected to every neuron of the layer before: an input layer, hidden layers and an output layer; the number of layers is the depth.</source>
        <translation>一层接一层，每个神经元都与前一层的每个神经元相连：一个输入层、若干隐藏层和一个输出层；层数就是深度。</translation>
    </message>
    <message>
        <source>Softmax output</source>
        <translation>Softmax 输出</translation>
    </message>
    <message>
        <source>Softmax turns the output layer&apos;s scores into a probability distribution: positive numbers that sum to 1.</source>
        <translation>Softmax 把输出层的得分变成概率分布：一组和为 1 的正数。</translation>
    </message>
    <message>
        <source>Loss: squared error and cross-entropy</source>
        <translation>损失函数：均方误差与交叉熵误差</translation>
    </message>
    <message>
        <source>The loss measures how far the output is from the target; cross-entropy suits softmax classification, squared error suits regression.</source>
        <translation>损失函数衡量输出离目标有多远；交叉熵误差适合 Softmax 分类，均方误差适合回归。</translation>
    </message>
    <message>
        <source>Training, validation and test data; overfitting</source>
        <translation>训练数据、验证数据和测试数据；过拟合</translation>
    </message>
    <message>
        <source>A network learns from training data and is judged on data it has never seen; when training accuracy keeps rising but validation accuracy does not, it is overfitting.</source>
        <translation>网络从训练数据中学习，并在从未见过的数据上接受评判；当训练准确率持续上升而验证准确率不再上升时，就是过拟合了。</translation>
    </message>
    <message>
        <source>Mini-batch, epoch, iteration</source>
        <translation>小批量、纪元（epoch）、迭代</translation>
    </message>
    <message>
        <source>Each iteration updates the weights from a small random batch of samples; one epoch is one pass over the whole training set.</source>
        <translation>每次迭代用一小批随机样本更新权重；一个纪元就是把整个训练集完整过一遍。</translation>
    </message>
    <message>
        <source>Gradient descent and the learning rate</source>
        <translation>梯度下降法与学习率</translation>
    </message>
    <message>
        <source>The gradient points uphill on the loss, so each step moves the weights against it, scaled by the learning rate, a hyperparameter you choose.</source>
        <translation>梯度指向损失上升的方向，所以每一步让权重逆着梯度移动，步长由学习率缩放——学习率是你自己选择的超参数。</translation>
    </message>
    <message>
        <source>Backpropagation on a computational graph</source>
        <translation>计算图上的误差反向传播法</translation>
    </message>
    <message>
        <source>Backpropagation applies the chain rule backwards through the computational graph and gets the gradient of every weight in one pass (see the gradient size per layer).</source>
        <translation>误差反向传播法在计算图上反向应用链式法则，一遍就求出每个权重的梯度（见各层的梯度大小）。</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度确认</translation>
    </message>
    <message>
        <source>Comparing backpropagation&apos;s gradients with numerical ones catches mistakes in a backward pass: their relative error should be tiny.</source>
        <translation>把误差反向传播法求出的梯度与数值微分求出的梯度相比较，可以发现反向传播中的错误：它们的相对误差应当非常小。</translation>
    </message>
    <message>
        <source>Vectorization and matrix dimensions</source>
        <translation>向量化与矩阵的维数</translation>
    </message>
    <message>
        <source>A batch of m samples passes through a layer as one matrix product; checking the shapes of W[l], b[l], Z[l] and A[l] catches most mistakes.</source>
        <translation>一批 m 个样本通过一层时只是一次矩阵乘法；核对 W[l]、b[l]、Z[l] 和 A[l] 的形状能发现大多数错误。</translation>
    </message>
    <message>
        <source>SGD, Momentum, AdaGrad, RMSProp, Adam</source>
        <translation>SGD、Momentum、AdaGrad、RMSProp、Adam</translation>
    </message>
    <message>
        <source>Rules that turn gradients into steps: Momentum adds velocity, AdaGrad and RMSProp adapt the step of each weight, Adam does both.</source>
        <translation>把梯度变成步子的规则：Momentum 加入速度，AdaGrad 和 RMSProp 为每个权重调整步长，Adam 两者兼有。</translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation>权重的初始值</translation>
    </message>
    <message>
        <source>The scale of the starting weights (σ = 0.01, Xavier, He) decides whether activations stay spread out or collapse from layer to layer.</source>
        <translation>初始权重的尺度（σ = 0.01、Xavier、He）决定激活值在层与层之间是保持分散还是坍缩。</translation>
    </message>
    <message>
        <source>Weight decay, dropout, batch normalization</source>
        <translation>权值衰减、Dropout、Batch Normalization</translation>
    </message>
    <message>
        <source>Weight decay (L2) pulls weights towards zero and dropout switches off random neurons, both against overfitting; batch normalization keeps each layer&apos;s inputs well scaled.</source>
        <translation>权值衰减（L2）把权重拉向 0，Dropout 随机关闭神经元，两者都用来抑制过拟合；Batch Normalization 让每一层的输入保持合适的尺度。</translation>
    </message>
    <message>
        <source>Choosing hyperparameters</source>
        <translation>超参数的验证</translation>
    </message>
    <message>
        <source>Hyperparameters are chosen by their score on validation data split off the training data, never by the test data.</source>
        <translation>超参数要根据它们在验证数据（从训练数据中分出）上的得分来选择，绝不能用测试数据来选。</translation>
    </message>
    <message>
        <source>Deep representation</source>
        <translation>深层表示</translation>
    </message>
    <message>
        <source>Early layers find simple features such as strokes and edges; later layers combine them into larger shapes.</source>
        <translation>前面的层找到笔画、边缘之类的简单特征；后面的层把它们组合成更大的形状。</translation>
    </message>
    <message>
        <source>Convolutional network: convolution and pooling</source>
        <translation>卷积神经网络：卷积层与池化层</translation>
    </message>
    <message>
        <source>Convolution layers slide small learned filters over the image and pooling layers shrink the result, so the network keeps the image&apos;s layout.</source>
        <translation>卷积层让学到的小滤波器在图像上滑动，池化层把结果缩小，这样网络保留了图像的空间布局。</translation>
    </message>
    <message>
        <source>The three steps of deep learning</source>
        <translation>深度学习的三个步骤</translation>
    </message>
    <message>
        <source>Define a set of functions (the architecture), say how good a function is (the loss), and pick the best one (the optimizer).</source>
        <translation>定义函数集（网络结构），评价函数的好坏（损失函数），选出最好的函数（优化器）。</translation>
    </message>
    <message>
        <source>One-hot target vector</source>
        <translation>one-hot 编码的目标向量</translation>
    </message>
    <message>
        <source>The target is a vector of zeros with a single 1 at the correct class, compared with the softmax output.</source>
        <translation>目标是一个全为 0、只在正确类别处为 1 的向量，与 Softmax 的输出相比较。</translation>
    </message>
    <message>
        <source>Regression and function approximation</source>
        <translation>回归与函数逼近</translation>
    </message>
    <message>
        <source>For regression the output layer is the identity function with squared error, and a large enough network can approximate any continuous function.</source>
        <translation>做回归时，输出层用恒等函数配合均方误差；足够大的网络可以逼近任何连续函数。</translation>
    </message>
    <message>
        <source>Numerical differentiation</source>
        <translation>数值微分</translation>
    </message>
    <message>
        <source>The slope estimated from two nearby values, (f(x + h) − f(x − h)) / 2h: slow, but a reliable check of backpropagation.</source>
        <translation>用两个相邻点的值估计斜率，(f(x + h) − f(x − h)) / 2h：很慢，但能可靠地检验误差反向传播法。</translation>
    </message>
    <message>
        <source>Forward caches for the backward pass</source>
        <translation>为反向传播保存的正向缓存</translation>
    </message>
    <message>
        <source>The forward pass keeps each layer&apos;s Z[l] and A[l] because the backward pass needs them to compute the gradients.</source>
        <translation>正向传播保存每一层的 Z[l] 和 A[l]，因为反向传播计算梯度时需要它们。</translation>
    </message>
    <message>
        <source>Broadcasting the bias</source>
        <translation>偏置的广播</translation>
    </message>
    <message>
        <source>The bias b[l] is added to all m samples at once by broadcasting, without copying it m times.</source>
        <translation>偏置 b[l] 通过广播一次加到全部 m 个样本上，而不必复制 m 份。</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Stop training at the epoch where the validation loss was lowest, before the network starts to overfit.</source>
        <translation>在验证损失最低的那个纪元停止训练，赶在网络开始过拟合之前。</translation>
    </message>
    <message>
        <source>Local minima and saddle points</source>
        <translation>局部极小值与鞍点</translation>
    </message>
    <message>
        <source>Points where the gradient is zero but the loss is not at its lowest: optimizers can stall there, and momentum helps to roll on.</source>
        <translation>梯度为零但损失并非最低的点：优化器可能停在那里，动量有助于继续滚动。</translation>
    </message>
    <message>
        <source>Why deep rather than fat</source>
        <translation>为什么要深而不是胖</translation>
    </message>
    <message>
        <source>With the same number of parameters a deep network usually learns better than a wide shallow one, because its layers reuse each other&apos;s features.</source>
        <translation>参数个数相同时，深层网络通常比宽而浅的网络学得更好，因为各层可以复用彼此的特征。</translation>
    </message>
    <message>
        <source>Recurrent networks for sequences</source>
        <translation>用于序列的递归神经网络</translation>
    </message>
    <message>
        <source>A recurrent network carries a hidden state from step to step, so it can read sequences such as text or speech.</source>
        <translation>递归神经网络把隐藏状态从一步传到下一步，所以能读取文本、语音之类的序列。</translation>
    </message>
    <message>
        <source>Handwritten digit recognition</source>
        <translation>手写数字识别</translation>
    </message>
    <message>
        <source>Reading handwritten digits (MNIST) is the notes&apos; first real project: draw one and see what the network answers.</source>
        <translation>识别手写数字（MNIST）是笔记中的第一个实际项目：写一个数字，看看网络怎么回答。</translation>
    </message>
</context>
<context>
    <name>experiments</name>
    <message>
        <source>A 5 × 100 ReLU network with and without batch norm, its weights drawn at 16 scales σ from 1 to 0.0001; 1000 training images, SGD, learning rate 0.01, 20 epochs. Each small plot is one scale: training accuracy with BN (solid) and without (dashed).</source>
        <translation>一个 5 × 100 的 ReLU 网络，使用和不使用 Batch Normalization，权重按 16 个尺度 σ（从 1 到 0.0001）抽取；1000 张训练图像，SGD，学习率 0.01，20 个纪元。每张小图对应一个尺度：实线为使用 BN 的训练准确率，虚线为不使用。</translation>
    </message>
    <message>
        <source>A 6 × 100 ReLU network trained on only 300 images for 201 epochs (SGD, learning rate 0.01): without regularization, with weight decay (L2) λ = 0.1, and with dropout 0.2 (301 epochs). Solid: training accuracy, dashed: test accuracy.</source>
        <translation>一个 6 × 100 的 ReLU 网络只用 300 张图像训练 201 个纪元（SGD，学习率 0.01）：不用正则化、用权值衰减（L2）λ = 0.1、用 Dropout 0.2（301 个纪元）。实线：训练准确率，虚线：测试准确率。</translation>
    </message>
    <message>
        <source>BN learns faster</source>
        <translation>BN 学得更快</translation>
    </message>
    <message>
        <source>BN, σ = {0:.2g}</source>
        <translation>BN，σ = {0:.2g}</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>Batch Normalization</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 6.1, Figure 6-9</source>
        <translation>《深度学习入门》6.1 节，图 6-9</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 6.2, Figure 6-15</source>
        <translation>《深度学习入门》6.2 节，图 6-15</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 6.3, Figure 6-19</source>
        <translation>《深度学习入门》6.3 节，图 6-19</translation>
    </message>
    <message>
        <source>Deep Learning from Scratch 6.4, Figures 6-20, 6-21 and 6-23</source>
        <translation>《深度学习入门》6.4 节，图 6-20、6-21 和 6-23</translation>
    </message>
    <message>
        <source>Deep rather than fat</source>
        <translation>深而不是胖</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>Hung-yi Lee, deep learning in one day: why deep?</source>
        <translation>李宏毅《一天搞懂深度学习》：为什么要深？</translation>
    </message>
    <message>
        <source>Hung-yi Lee: at the same number of parameters, deep beats fat (speech: 5 × 2k layers 17.2% word errors, 1 × 3772 22.5%).</source>
        <translation>李宏毅：参数个数相同时，深的网络胜过胖的网络（语音识别：5 × 2k 层的词错误率 17.2%，1 × 3772 为 22.5%）。</translation>
    </message>
    <message>
        <source>L2, λ = 0.1</source>
        <translation>L2，λ = 0.1</translation>
    </message>
    <message>
        <source>Networks with 1, 2, 3 and 5 hidden ReLU layers, each as wide as gives the same number of parameters as one layer of 128 (about 102,000). SGD, learning rate 0.1, mini-batches of 128, 2000 iterations.</source>
        <translation>分别有 1、2、3 和 5 个 ReLU 隐藏层的网络，每层的宽度使参数个数与一个 128 个神经元的隐藏层相同（约 102,000）。SGD，学习率 0.1，小批量大小 128，2000 次迭代。</translation>
    </message>
    <message>
        <source>Optimizers on your network</source>
        <translation>你的网络上的优化器</translation>
    </message>
    <message>
        <source>Overfitting and regularization</source>
        <translation>过拟合与正则化</translation>
    </message>
    <message>
        <source>The book: He learns faster than Xavier; σ = 0.01 does not learn (loss He &lt; Xavier &lt; σ = 0.01).</source>
        <translation>书中：He 比 Xavier 学得快；σ = 0.01 学不动（损失 He &lt; Xavier &lt; σ = 0.01）。</translation>
    </message>
    <message>
        <source>The book: SGD learns slowest; Momentum, AdaGrad and Adam are faster.</source>
        <translation>书中：SGD 学得最慢；Momentum、AdaGrad 和 Adam 更快。</translation>
    </message>
    <message>
        <source>The book: on 300 images the network overfits (train 100%, test about 75%); weight decay and dropout narrow the gap.</source>
        <translation>书中：只用 300 张图像时网络过拟合（训练 100%，测试约 75%）；权值衰减和 Dropout 缩小了差距。</translation>
    </message>
    <message>
        <source>The book: with batch norm the network learns faster at almost every scale; without it, learning fails unless the scale is good.</source>
        <translation>书中：使用 Batch Normalization 时，几乎在每个尺度下网络都学得更快；不使用时，除非尺度合适，否则学不动。</translation>
    </message>
    <message>
        <source>The book: with batch norm the network learns faster at almost every scale; without it, learning fails unless the scale is good. Reproduced at {0} of {1} scales.</source>
        <translation>书中：使用 Batch Normalization 时，几乎在每个尺度下网络都学得更快；不使用时，除非尺度合适，否则学不动。在 {1} 个尺度中的 {0} 个上得到复现。</translation>
    </message>
    <message>
        <source>The network from the Architecture panel (the book&apos;s 5 × 100 ReLU until you build one), from the same initial weights on the same mini-batches of 128, trained with SGD, Momentum, AdaGrad and Adam at the book&apos;s learning rates; up to 2000 iterations, fewer if a slow network would take more than about a minute.</source>
        <translation>网络结构面板中的网络（在你构建网络之前是书中的 5 × 100 ReLU），从相同的权重初始值出发，在相同的小批量（每批 128）上，分别用 SGD、Momentum、AdaGrad 和 Adam 以书中的学习率训练；最多 2000 次迭代，如果网络较慢、会超过约一分钟，则减少迭代次数。</translation>
    </message>
    <message>
        <source>The same 5 × 100 ReLU network trained from three initial weight scales: σ = 0.01, Xavier (σ = √(1/n)) and He (σ = √(2/n)). SGD, learning rate 0.01, mini-batches of 128, 2000 iterations.</source>
        <translation>同一个 5 × 100 的 ReLU 网络从三种权重初始尺度开始训练：σ = 0.01、Xavier（σ = √(1/n)）和 He（σ = √(2/n)）。SGD，学习率 0.01，小批量大小 128，2000 次迭代。</translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation>权重的初始值</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>deep: better than fat</source>
        <translation>深：胜过胖</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>dropout 0.2</source>
        <translation>Dropout 0.2</translation>
    </message>
    <message>
        <source>faster than SGD</source>
        <translation>比 SGD 快</translation>
    </message>
    <message>
        <source>fat: the weakest</source>
        <translation>胖：最弱</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>learns (≈ 0.3)</source>
        <translation>能学习（≈ 0.3）</translation>
    </message>
    <message>
        <source>learns fastest (lowest)</source>
        <translation>学得最快（最低）</translation>
    </message>
    <message>
        <source>no regularization</source>
        <translation>不用正则化</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <source>plain, σ = {0:.2g}</source>
        <translation>普通，σ = {0:.2g}</translation>
    </message>
    <message>
        <source>slowest</source>
        <translation>最慢</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>train 100%, test ≈ 75%</source>
        <translation>训练 100%，测试 ≈ 75%</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>train below 100%, smaller gap</source>
        <translation>训练低于 100%，差距更小</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>with BN: train accuracy</source>
        <translation>使用 BN：训练准确率</translation>
    </message>
    <message>
        <source>without BN</source>
        <translation>不使用 BN</translation>
    </message>
    <message>
        <source>{0} × {1}</source>
        <translation>{0} × {1}</translation>
    </message>
    <message>
        <source>σ = 0.01</source>
        <translation>σ = 0.01</translation>
    </message>
    <message>
        <source>σ = {0:.2g}</source>
        <translation>σ = {0:.2g}</translation>
    </message>
    <message>
        <source>≈ 2.30: does not learn</source>
        <translation>≈ 2.30：学不动</translation>
    </message>
</context>
<context>
    <name>features</name>
    <message>
        <source>The first coordinate of the point, as it is.</source>
        <translation>点的第一个坐标，原样输入。</translation>
    </message>
    <message>
        <source>The second coordinate of the point, as it is.</source>
        <translation>点的第二个坐标，原样输入。</translation>
    </message>
    <message>
        <source>The first coordinate squared: with x₂² a single neuron can draw a circle or an ellipse.</source>
        <translation>第一个坐标的平方：和 x₂² 一起，单个神经元就能画出圆或椭圆。</translation>
    </message>
    <message>
        <source>The second coordinate squared: with x₁² a single neuron can draw a circle or an ellipse.</source>
        <translation>第二个坐标的平方：和 x₁² 一起，单个神经元就能画出圆或椭圆。</translation>
    </message>
    <message>
        <source>The product of the coordinates: positive in two opposite quadrants, so it alone separates the XOR set.</source>
        <translation>两个坐标的乘积：在两个相对的象限为正，所以仅凭它就能分开异或数据集。</translation>
    </message>
    <message>
        <source>A wave along x₁ (one period across the plane).</source>
        <translation>沿 x₁ 方向的波（横跨平面一个周期）。</translation>
    </message>
    <message>
        <source>A wave along x₂ (one period across the plane).</source>
        <translation>沿 x₂ 方向的波（横跨平面一个周期）。</translation>
    </message>
</context>
<context>
    <name>initializers</name>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>For ReLU: ReLU zeroes about half its inputs, so twice Xavier&apos;s variance keeps the signal&apos;s size from layer to layer.</source>
        <translation>适用于 ReLU：ReLU 大约把一半的输入置为 0，所以用 Xavier 两倍的方差，使信号的大小在层与层之间保持不变。</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>For sigmoid and tanh, which are nearly linear around 0: the signal keeps its size from layer to layer.</source>
        <translation>适用于 sigmoid 和 tanh，它们在 0 附近近似线性：信号的大小在层与层之间保持不变。</translation>
    </message>
    <message>
        <source>normal (σ)</source>
        <translation>正态分布 (σ)</translation>
    </message>
    <message>
        <source>A fixed σ. The book&apos;s 0.01 is too small for deep networks: activations shrink layer by layer.</source>
        <translation>固定的 σ。书中的 0.01 对深层网络来说太小：激活值会一层一层地缩小。</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <source>Conv2D</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Conv2D (convolution)</source>
        <translation>Conv2D（卷积层）</translation>
    </message>
    <message>
        <source>Filters slide over the image; each produces one feature map. Far fewer weights than a dense layer, and the same feature is found anywhere in the image. Output size = (H + 2·padding − kernel) / stride + 1.</source>
        <translation>滤波器在图像上滑动，每个滤波器产生一张特征图。权重比全连接层少得多，而且同一个特征在图像的任何位置都能被找到。输出大小 = (H + 2·padding − kernel) / stride + 1。</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器数</translation>
    </message>
    <message>
        <source>Number of filters = number of output channels (feature maps). Each filter has kernel × kernel × input-channels weights and one bias.</source>
        <translation>滤波器个数 = 输出通道数（特征图数）。每个滤波器有 kernel × kernel × 输入通道数 个权重和一个偏置。</translation>
    </message>
    <message>
        <source>{0} filters</source>
        <translation>{0} 个滤波器</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>卷积核大小</translation>
    </message>
    <message>
        <source>Height and width of each filter: 5 means a 5×5 window. A larger kernel sees more at once but has more weights and shrinks the image more.</source>
        <translation>每个滤波器的高和宽：5 表示 5×5 的窗口。卷积核越大，一次看到的越多，但权重也越多，图像缩小得也越多。</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>How many pixels the window moves between positions. Stride 2 roughly halves the output&apos;s height and width.</source>
        <translation>窗口在两个位置之间移动多少像素。步幅为 2 时，输出的高和宽大约减半。</translation>
    </message>
    <message>
        <source>stride {0}</source>
        <translation>步幅 {0}</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Rows and columns of zeros added around the input. Without padding a k×k kernel shrinks the image by k − 1; padding (k − 1)/2 (2 for a 5×5 kernel) keeps its size. Output size = (H + 2·padding − kernel) / stride + 1.</source>
        <translation>在输入四周补上的几行几列 0。不填充时，k×k 的卷积核会让图像缩小 k − 1；填充 (k − 1)/2（5×5 卷积核为 2）可保持大小不变。输出大小 = (H + 2·padding − kernel) / stride + 1。</translation>
    </message>
    <message>
        <source>pad {0}</source>
        <translation>填充 {0}</translation>
    </message>
    <message>
        <source>MaxPool</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <source>MaxPool (pooling)</source>
        <translation>MaxPool（池化层）</translation>
    </message>
    <message>
        <source>Keeps the largest value of each window: smaller feature maps, a little robustness to shifts, no weights.</source>
        <translation>保留每个窗口中的最大值：特征图变小，对平移略有鲁棒性，没有权重。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>窗口大小</translation>
    </message>
    <message>
        <source>Window size: each output is the largest value in a size × size window. Size 2 halves the height and width.</source>
        <translation>窗口大小：每个输出是 size × size 窗口中的最大值。大小为 2 时，高和宽减半。</translation>
    </message>
    <message>
        <source>How far the window moves. &apos;same as size&apos; gives non-overlapping windows.</source>
        <translation>窗口每次移动多远。“与窗口大小相同”时，窗口互不重叠。</translation>
    </message>
    <message>
        <source>same as size</source>
        <translation>与窗口大小相同</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>Number of neurons. Each one has a weight for every input plus a bias, so this layer has (inputs × units) weights and units biases. The last layer needs one unit per class.</source>
        <translation>神经元的个数。每个神经元对每个输入有一个权重，另加一个偏置，所以这一层有 (输入数 × 神经元数) 个权重和“神经元数”个偏置。最后一层需要每个类别一个神经元。</translation>
    </message>
    <message>
        <source>{0} units</source>
        <translation>{0} 个神经元</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The function f applied to each weighted sum z. ReLU, max(0, z), trains fast in deep nets; sigmoid and tanh saturate (f′ ≈ 0 for large |z|), so gradients vanish in deep nets. Keep the output layer&apos;s identity: the loss applies the softmax itself.</source>
        <translation>作用于每个加权和 z 的函数 f。ReLU，即 max(0, z)，在深层网络中训练得快；sigmoid 和 tanh 会饱和（|z| 较大时 f′ ≈ 0），所以在深层网络中梯度会消失。输出层请保持恒等函数：损失函数自己会做 Softmax。</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>How the first weights are drawn. He (σ = √(2/n_in)) suits ReLU: ReLU zeroes about half its inputs, so twice the variance keeps the signal&apos;s size from layer to layer. Xavier (σ = √(1/n_in)) suits sigmoid and tanh, which are nearly linear around 0. normal uses a fixed σ (the book&apos;s 0.01 is too small for deep nets: activations shrink layer by layer). Default: He for ReLU-like activations, otherwise Xavier.</source>
        <translation>最初的权重如何抽取。He（σ = √(2/n_in)）适合 ReLU：ReLU 大约把一半输入置为 0，所以两倍的方差能让信号的大小在层与层之间保持不变。Xavier（σ = √(1/n_in)）适合在 0 附近近似线性的 sigmoid 和 tanh。“正态分布”使用固定的 σ（书中的 0.01 对深层网络太小：激活值会一层一层地缩小）。默认：类 ReLU 的激活函数用 He，其他用 Xavier。</translation>
    </message>
    <message>
        <source>σ (normal)</source>
        <translation>σ（正态分布）</translation>
    </message>
    <message>
        <source>Standard deviation σ of the initial weights for the &apos;normal&apos; initializer.</source>
        <translation>“正态分布”初始化方法所用权重初始值的标准差 σ。</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>全连接</translation>
    </message>
    <message>
        <source>Dense (fully connected)</source>
        <translation>Dense（全连接层）</translation>
    </message>
    <message>
        <source>Every neuron computes a = f(w·x + b) from all outputs of the previous layer (Affine + activation). Images are flattened first.</source>
        <translation>每个神经元由上一层的全部输出计算 a = f(w·x + b)（Affine + 激活函数）。图像会先被展平。</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <source>Turns channels × height × width into one long vector for the dense layers.</source>
        <translation>把 通道 × 高 × 宽 变成一个长向量，供全连接层使用。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Switches off a random fraction of neurons at each training step, so the network cannot rely on any single one: fights overfitting.</source>
        <translation>每个训练步随机关闭一部分神经元，使网络不能依赖任何单个神经元：抑制过拟合。</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Fraction of neurons dropped at each training step (the rest are scaled by 1/(1 − rate), so nothing changes at test time, when nothing is dropped).</source>
        <translation>每个训练步丢弃的神经元比例（其余的乘以 1/(1 − rate)，所以测试时不丢弃任何神经元，结果也不变）。</translation>
    </message>
    <message>
        <source>rate {0}</source>
        <translation>比例 {0}</translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation>BatchNorm</translation>
    </message>
    <message>
        <source>Normalises each feature over the mini-batch to mean 0, variance 1, then scales (γ) and shifts (β): training is faster and less sensitive to the initial weights.</source>
        <translation>在小批量上把每个特征归一化为均值 0、方差 1，再缩放（γ）和平移（β）：训练更快，对权重的初始值也不那么敏感。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>How slowly the running mean and variance (used at test time) follow the mini-batch statistics: 0.9 averages over roughly the last 10 batches.</source>
        <translation>测试时使用的滑动均值和方差跟随小批量统计量变化得有多慢：0.9 相当于对最近大约 10 个批次取平均。</translation>
    </message>
    <message>
        <source>momentum {0}</source>
        <translation>动量 {0}</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>A small number added to the variance so no division is by zero.</source>
        <translation>加到方差上的一个小数，避免除以零。</translation>
    </message>
    <message>
        <source>Maxout</source>
        <translation>Maxout</translation>
    </message>
    <message>
        <source>Each unit computes several weighted sums and outputs the largest: an activation function that is learned.</source>
        <translation>每个神经元计算几个加权和，输出其中最大的：一个可以学习的激活函数。</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>分段数</translation>
    </message>
    <message>
        <source>How many weighted sums each maxout unit takes the maximum of.</source>
        <translation>每个 Maxout 神经元在多少个加权和中取最大值。</translation>
    </message>
    <message>
        <source>× {0} pieces</source>
        <translation>× {0} 个分段</translation>
    </message>
    <message>
        <source>Applies a function to every value, e.g. ReLU after a BatchNorm layer.</source>
        <translation>对每个值应用一个函数，例如 BatchNorm 层之后的 ReLU。</translation>
    </message>
</context>
<context>
    <name>live_settings</name>
    <message>
        <source>After every epoch the learning rate is multiplied by this factor: big steps first, then finer ones. 1 keeps it constant.</source>
        <translation>每个纪元结束后，学习率乘以这个系数：先迈大步，再走小步。1 表示保持不变。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation>Dropout 比例</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停(early stopping)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>纪元数</translation>
    </message>
    <message>
        <source>Fraction of units switched off at random during training, in every dropout layer (add one in the architecture editor). The kept ones are scaled by 1/(1 − rate).</source>
        <translation>训练时在每个 Dropout 层中随机关闭的神经元比例（在网络结构编辑器中添加 Dropout 层）。保留下来的神经元乘以 1/(1 − rate)。</translation>
    </message>
    <message>
        <source>How many passes over the training data (epochs).</source>
        <translation>把训练数据完整过几遍（纪元数，epoch）。</translation>
    </message>
    <message>
        <source>How the weights move along the gradient. SGD takes plain steps; Momentum and Nesterov add velocity; AdaGrad, RMSProp and Adam adapt the step size per weight. Takes effect at the next batch.</source>
        <translation>权重如何沿梯度移动。SGD 走普通的步子；Momentum 和 Nesterov 加入速度；AdaGrad、RMSProp 和 Adam 为每个权重自适应地调整步长。从下一批起生效。</translation>
    </message>
    <message>
        <source>L2 (weight decay)</source>
        <translation>L2（权值衰减）</translation>
    </message>
    <message>
        <source>L2 regularization λ (weight decay): adds ½λ·ΣW² to the loss, pulling weights toward zero to fight overfitting.</source>
        <translation>L2 正则化 λ（权值衰减）：在损失函数上加 ½λ·ΣW²，把权重拉向 0，以抑制过拟合。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Learning rate η, a hyperparameter: the step size of gradient descent. Too small learns slowly; too large overshoots and diverges. Arrows step 1-2-5; takes effect at the next batch.</source>
        <translation>学习率 η 是一个超参数：梯度下降法的步长。太小学得慢；太大会越过最低点并发散。箭头按 1-2-5 步进；从下一批起生效。</translation>
    </message>
    <message>
        <source>Learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Part of the training data held out to check for overfitting (validation data); it is never trained on.</source>
        <translation>从训练数据中留出的一部分，用来检查过拟合（验证数据）；网络从不在它上面训练。</translation>
    </message>
    <message>
        <source>Pause after every mini-batch (milliseconds), to watch learning in slow motion.</source>
        <translation>每个小批量之后暂停的时间（毫秒），以慢动作观察学习过程。</translation>
    </message>
    <message>
        <source>Random seed for the initial weights, the data split and the batch order: the same seed gives the same run.</source>
        <translation>权重初始值、数据划分和批次顺序的随机种子：相同的种子得到相同的训练过程。</translation>
    </message>
    <message>
        <source>Samples per mini-batch: one gradient step per batch. Smaller batches give noisier but more frequent steps.</source>
        <translation>每个小批量的样本数：每一批做一次梯度更新。批越小，更新越频繁，但噪声也越大。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Slow motion</source>
        <translation>慢动作</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs (&quot;off&quot;: train every epoch). The epoch with the lowest validation loss is remembered: Training › Restore best epoch puts its weights back.</source>
        <translation>验证损失连续这么多个纪元没有改善时停止训练(“关”:训练所有纪元)。验证损失最低的纪元会被记住:训练 › 恢复最佳纪元 可把它的权重放回来。</translation>
    </message>
    <message>
        <source>Train on only this many samples of the (shuffled) training data; &quot;all&quot; uses every one. Few samples make overfitting easy to see: the book&apos;s experiment trains on 300.</source>
        <translation>只用(打乱后的)训练数据中的这么多个样本训练;“全部”表示使用所有样本。样本少时容易看到过拟合:书中的实验只用 300 个样本训练。</translation>
    </message>
    <message>
        <source>Training samples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>验证数据比例</translation>
    </message>
    <message>
        <source>What the network learns from: MNIST (60,000 handwritten digits, 28×28), a toy 2-D set of points in two classes, to see decision boundaries, or a folder of IDX files (Fashion-MNIST or your own data).</source>
        <translation>网络从什么数据中学习：MNIST（60,000 个 28×28 的手写数字）、二维玩具数据（分成两类的平面点，用来观察决策边界），或一个 IDX 文件夹（Fashion-MNIST 或你自己的数据）。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>losses</name>
    <message>
        <source>softmax cross-entropy</source>
        <translation>Softmax 交叉熵误差</translation>
    </message>
    <message>
        <source>Cross-entropy error of the softmax probabilities: minus the log of the probability given to the right class. Together with softmax its gradient is simply (p − t) / m.</source>
        <translation>Softmax 概率的交叉熵误差：赋给正确类别的概率取对数再取负。与 Softmax 合在一起，它的梯度就是 (p − t) / m。</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Mean squared error between the softmax probabilities and the one-hot target. It learns more slowly than cross-entropy when the answer is badly wrong, because softmax saturates.</source>
        <translation>Softmax 概率与 one-hot 目标之间的均方误差。当答案错得很离谱时，它比交叉熵误差学得慢，因为 Softmax 已经饱和。</translation>
    </message>
    <message>
        <source>squared error (identity output)</source>
        <translation>平方误差（恒等函数输出）</translation>
    </message>
    <message>
        <source>For regression: the output layer stays linear (the identity function) and is compared with real-valued targets by the squared error. Its gradient is simply (y − t) / m.</source>
        <translation>用于回归：输出层保持线性（恒等函数），用平方误差与实数目标值比较。它的梯度就是 (y − t) / m。</translation>
    </message>
</context>
<context>
    <name>notation</name>
    <message>
        <source>Deep Learning from Scratch (rows = samples)</source>
        <translation>《深度学习入门》（行 = 样本）</translation>
    </message>
    <message>
        <source>Samples are rows: X is (m, n), W is (n_in, n_out), Z = X·W + b. This is how the app computes.</source>
        <translation>样本按行排列：X 为 (m, n)，W 为 (n_in, n_out)，Z = X·W + b。本程序就是这样计算的。</translation>
    </message>
    <message>
        <source>Andrew Ng (columns = samples)</source>
        <translation>吴恩达（列 = 样本）</translation>
    </message>
    <message>
        <source>Samples are columns: A[l−1] is (n[l−1], m), W[l] is (n[l], n[l−1]), Z[l] = W[l]A[l−1] + b[l]. Layers count from 1; dZ and dA carry no 1/m (it comes in dW and db).</source>
        <translation>样本按列排列：A[l−1] 为 (n[l−1], m)，W[l] 为 (n[l], n[l−1])，Z[l] = W[l]A[l−1] + b[l]。层从 1 开始编号；dZ 和 dA 中没有 1/m（它出现在 dW 和 db 中）。</translation>
    </message>
</context>
<context>
    <name>onnx_export</name>
    <message>
        <source>layer {0} ({1}): the activation “{2}” has no ONNX operator, so this network cannot be exported to ONNX</source>
        <translation>第 {0} 层（{1}）：激活函数“{2}”没有对应的 ONNX 算子，因此此网络无法导出为 ONNX</translation>
    </message>
    <message>
        <source>layer {0} ({1}): this kind of layer has no ONNX mapping, so this network cannot be exported to ONNX</source>
        <translation>第 {0} 层（{1}）：这种层没有对应的 ONNX 表示，因此此网络无法导出为 ONNX</translation>
    </message>
</context>
<context>
    <name>optimizer_table</name>
    <message>
        <source>Learning rate of {name}</source>
        <translation>{name} 的学习率</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Stochastic gradient descent: a step against the gradient of the mini-batch, of size learning rate η times the gradient.</source>
        <translation>随机梯度下降法：沿小批量梯度的反方向走一步，步长为学习率 η 乘以梯度。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Gradient descent with a velocity v: steps in a steady direction add up, zig-zags across a narrow valley cancel out.</source>
        <translation>带速度 v 的梯度下降法：方向一致的步子会累加，在狭窄山谷中的来回摆动会相互抵消。</translation>
    </message>
    <message>
        <source>Momentum α</source>
        <translation>动量 α</translation>
    </message>
    <message>
        <source>How much of the last velocity is kept at each step: 0.9 averages the gradients over roughly the last 10 steps.</source>
        <translation>每一步保留上一次速度的比例：0.9 相当于对最近大约 10 步的梯度取平均。</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Momentum that looks ahead: the gradient is taken where the velocity is about to carry the weights, so it overshoots less.</source>
        <translation>向前看的 Momentum：在速度即将把权重带到的位置计算梯度，所以越过得更少。</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>An adaptive learning rate per weight: weights that have moved a lot take smaller steps. The steps keep shrinking.</source>
        <translation>为每个权重自适应地调整学习率：已经移动很多的权重步子变小。步长会不断缩小。</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>AdaGrad that forgets: h is a moving average of squared gradients, so the steps do not shrink to nothing.</source>
        <translation>会遗忘的 AdaGrad：h 是梯度平方的移动平均，所以步长不会缩小到零。</translation>
    </message>
    <message>
        <source>Decay rate ρ</source>
        <translation>衰减率 ρ</translation>
    </message>
    <message>
        <source>How slowly the average of squared gradients forgets: 0.99 averages over roughly the last 100 steps.</source>
        <translation>梯度平方的平均遗忘得有多慢：0.99 相当于对最近大约 100 步取平均。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Momentum and RMSProp together, with a correction for the first steps (bias correction): a good default.</source>
        <translation>Momentum 与 RMSProp 的结合，并对最初几步做修正（偏置校正）：一个不错的默认选择。</translation>
    </message>
    <message>
        <source>Adam β₁</source>
        <translation>Adam β₁</translation>
    </message>
    <message>
        <source>β₁: how much of the average gradient m (the momentum part) is kept at each step.</source>
        <translation>β₁：每一步保留梯度平均值 m（动量部分）的比例。</translation>
    </message>
    <message>
        <source>Adam β₂</source>
        <translation>Adam β₂</translation>
    </message>
    <message>
        <source>β₂: how much of the average squared gradient v (the RMSProp part) is kept at each step.</source>
        <translation>β₂：每一步保留梯度平方平均值 v（RMSProp 部分）的比例。</translation>
    </message>
</context>
<context>
    <name>playground</name>
    <message>
        <source>Stuck: without a hidden layer the boundary is a straight line in the chosen inputs, and no line separates these classes. Add a hidden layer, or inputs such as x₁² and x₂² (circle) or x₁x₂ (XOR).</source>
        <translation>停滞了：没有隐藏层时，决策边界在所选输入中是一条直线，而没有直线能分开这两类。请添加一个隐藏层，或加入 x₁² 和 x₂²（圆）或 x₁x₂（异或）这样的输入。</translation>
    </message>
    <message>
        <source>The loss ran away to infinity: lower the learning rate and press Reset.</source>
        <translation>损失发散到无穷大：请降低学习率并按“重置”。</translation>
    </message>
    <message>
        <source>The loss jumps up and down instead of falling: lower the learning rate.</source>
        <translation>损失上下跳动而不是下降：请降低学习率。</translation>
    </message>
    <message>
        <source>The loss falls only slowly: raise the learning rate.</source>
        <translation>损失下降得太慢：请提高学习率。</translation>
    </message>
    <message>
        <source>The training points are learned but the test points are not (overfitting): use fewer units, more points or less noise.</source>
        <translation>训练数据学会了，测试数据却没有（过拟合）：请减少神经元、增加点数或降低噪声。</translation>
    </message>
    <message>
        <source>The classes overlap (much noise): no boundary can get every point right.</source>
        <translation>两类点互相重叠（噪声很大）：任何决策边界都不可能让每个点都正确。</translation>
    </message>
    <message>
        <source>Stuck: the network may be too small for this shape. Add units or a hidden layer (the spiral wants about four layers of 8), or try tanh.</source>
        <translation>停滞了：网络对这个形状可能太小。请增加神经元或隐藏层（螺旋大约需要四层、每层 8 个神经元），或者试试 tanh。</translation>
    </message>
</context>
<context>
    <name>run_diff</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> 对比 </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <source>x²/20 + y² (the book)</source>
        <translation>x²/20 + y²（书中）</translation>
    </message>
    <message>
        <source>20 times flatter along x than along y: SGD zig-zags across y while it creeps along x.</source>
        <translation>沿 x 方向比沿 y 方向平缓 20 倍：SGD 在 y 方向上来回之字形摆动，沿 x 方向却只能缓慢前进。</translation>
    </message>
    <message>
        <source>Rosenbrock (1 − x)² + 100(y − x²)²</source>
        <translation>Rosenbrock (1 − x)² + 100(y − x²)²</translation>
    </message>
    <message>
        <source>A long curved valley: easy to find, hard to follow to (1, 1).</source>
        <translation>一条弯曲的长山谷：容易找到，却很难沿着它走到 (1, 1)。</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>Flat plateaus and steep walls; the minimum is at (3, 0.5).</source>
        <translation>平坦的高原和陡峭的崖壁；最小值在 (3, 0.5)。</translation>
    </message>
    <message>
        <source>Himmelblau (x² + y − 11)² + (x + y² − 7)²</source>
        <translation>Himmelblau (x² + y − 11)² + (x + y² − 7)²</translation>
    </message>
    <message>
        <source>Four equally deep minima: which one is reached depends on the path.</source>
        <translation>四个同样深的极小值：到达哪一个取决于路径。</translation>
    </message>
    <message>
        <source>Saddle x² − y²</source>
        <translation>鞍面 x² − y²</translation>
    </message>
    <message>
        <source>No minimum: a saddle point at (0, 0). A good optimizer escapes along y.</source>
        <translation>没有最小值：(0, 0) 处是一个鞍点。好的优化器会沿 y 方向逃离。</translation>
    </message>
    <message>
        <source>Bowl x² + y²</source>
        <translation>碗形 x² + y²</translation>
    </message>
    <message>
        <source>Round: every direction is equally steep.</source>
        <translation>圆形：各个方向同样陡。</translation>
    </message>
</context>
<context>
    <name>toy_data</name>
    <message>
        <source>circle</source>
        <translation>圆</translation>
    </message>
    <message>
        <source>XOR (exclusive or)</source>
        <translation>异或（XOR）</translation>
    </message>
    <message>
        <source>two Gaussian clusters</source>
        <translation>两个高斯簇</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <source>AND gate</source>
        <translation>与门</translation>
    </message>
    <message>
        <source>NAND gate</source>
        <translation>与非门</translation>
    </message>
    <message>
        <source>OR gate</source>
        <translation>或门</translation>
    </message>
    <message>
        <source>XOR gate</source>
        <translation>异或门</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>absolute value</source>
        <translation>绝对值</translation>
    </message>
    <message>
        <source>step</source>
        <translation>阶跃</translation>
    </message>
    <message>
        <source>polynomial</source>
        <translation>多项式</translation>
    </message>
</context>
</TS>
