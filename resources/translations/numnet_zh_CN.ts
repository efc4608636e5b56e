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
        <source>Could not read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>{0} is not a text (JSON) file.</source>
        <translation>{0} 不是文本（JSON）文件。</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
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
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Random seed for the initial weights: the same seed gives the same starting network, so runs can be compared.</source>
        <translation>权重初始值的随机种子：相同的种子得到相同的初始网络，便于比较不同的训练。</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>逐层设置</translation>
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
        <source>Pen width on a 280-pixel canvas (it scales with the canvas)</source>
        <translation>在 280 像素画布上的笔宽（随画布缩放）</translation>
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
        <source>Read with</source>
        <translation>识别用</translation>
    </message>
    <message>
        <source>1. your drawing and the ink&apos;s bounding box</source>
        <translation>1. 你写的数字和笔迹的外接框</translation>
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
        <source>m: how many samples go through the network together. Each row of X, Z and A is one sample, so their first dimension is m; W and b do not depend on m. It follows the batch size of the training settings.</source>
        <translation>m：一起通过网络的样本数。X、Z 和 A 的每一行是一个样本，所以它们的第一维是 m；W 和 b 与 m 无关。它跟随训练设置中的批大小。</translation>
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
        <source>Read each row like Andrew Ng&apos;s check: X (m, inputs) · W (inputs, units) + b (units,) → Z (m, units); A has Z&apos;s shape and is the next layer&apos;s X; dW and db always have the shapes of W and b. Only X, Z and A grow with m — the parameters do not.</source>
        <translation>像吴恩达那样逐行核对：X (m, 输入数) · W (输入数, 神经元数) + b (神经元数,) → Z (m, 神经元数)；A 与 Z 形状相同，并作为下一层的 X；dW 和 db 的形状总与 W 和 b 相同。只有 X、Z 和 A 随 m 增长——参数不会。</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the last weights that were still finite and continue with half the learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training diverged at step {0}: {1}. A lower learning rate usually helps (now {2:g}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>non-finite values in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loss exploded to {0:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loss is no longer a finite number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>Evaluate now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the current network on every test image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows: the true class · columns: what the network predicted. Click a cell to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gallery shows images; this data set holds 2-D points. The confusion matrix and the accuracy per class still apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating {0:,} test samples…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy per class (dashed: overall {0:.1f} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true {0}, predicted {1}: {2:,} test samples ({3:.1%} of the true {0}s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misclassified test samples: {0:,} — most confident mistakes first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True {0}, predicted {1} ({2}): {3:,} test samples, most confident first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (showing {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test sample #{0}: true {1}, predicted {2} with probability {3:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet.

Once a model and a data set are loaded, this panel tests the network on the test set, which it never trains on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not evaluated yet.

Press Evaluate now, or pause training (Space), to test the network on all {0:,} test samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy {0:.2f} % on {1:,} samples · after iteration {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · training goes on: pause to refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplanationStrip</name>
    <message>
        <source>Point at any control or plot: its explanation appears here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeaturesPanel</name>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change since start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change since start shows now − before training: what training added to the random initial weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the weights before training next to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Before training&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a tile to read its weights; wheel zooms, double-click resets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build a network for image data (such as MNIST) to see what its first layer learns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (first in row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter {f} · channel {c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit {k}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}, pixel ({i}, {j}): w = {now} now, {before} before ({change})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each tile is one hidden unit&apos;s weights on the {h}×{w} image: &lt;span style=&apos;color:{red}&apos;&gt;red&lt;/span&gt; pixels excite it, &lt;span style=&apos;color:{blue}&apos;&gt;blue&lt;/span&gt; ones inhibit it (each tile scaled to its own largest |w|). Training grows simple features such as strokes; &lt;i&gt;Change since start&lt;/i&gt; shows what it added to the random start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>units {a}–{b} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each tile is one {kh}×{kw} filter of the first convolution layer, the pattern it looks for everywhere in the image: &lt;span style=&apos;color:{red}&apos;&gt;red&lt;/span&gt; = positive weight, &lt;span style=&apos;color:{blue}&apos;&gt;blue&lt;/span&gt; = negative (each tile scaled to its own largest |w|).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filters {a}–{b} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Change since start&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Now&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned features are pictures of the first layer&apos;s weights over the input image, so they are shown only for image data. This network&apos;s input is 2 numbers per sample, a point in the plane: the Weights panel shows its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned features are pictures of the first layer&apos;s weights over the input image, so they are shown only for image data. This network&apos;s input is {n} numbers per sample, not an image: the Weights panel shows its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first layer with weights does not look at the image directly, so its weights cannot be drawn as pictures: the Weights panel shows them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message>
        <source>Point at a cell to read its value; wheel zooms, double-click resets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{y} {row}, {x} {col}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InitExperimentPanel</name>
    <message>
        <source>σ = 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ = 0.01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier: σ = √(1/n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He: σ = √(2/n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian initial weights; n = 100 inputs per unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to change σ (logarithmic: 0.001 to 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw new random inputs and weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The book&apos;s experiment: 1000 random inputs pass through 5 layers of 100 units (no training yet). How are the activations distributed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units that output exactly 0 are left out of the bars: {0} of the activations in layer 1, {1} in layer 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of the values lie beyond the x axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experiment failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ = {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} with {1}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the activations shrink towards 0 layer after layer — the signal and the gradients vanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the activations get narrower with depth. ReLU zeroes half its inputs, so it needs He&apos;s larger σ = √(2/n).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the activations grow layer after layer (see the x axis) — they explode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the activations keep the same spread in every layer — He&apos;s σ = √(2/n) suits ReLU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 and 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−1 and 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations pile up at {0}, where the slope of {1} is almost 0 — gradients vanish on their way back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations pile up at 0.5: every unit outputs the same value, so 100 units express no more than one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations collapse towards 0 layer after layer — the signal and the gradients vanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations stay spread out in every layer — a good start. Xavier&apos;s σ = √(1/n) is made for sigmoid and tanh.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of menus, panels and explanations. Applies the next time NumNet Studio starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies the next time you start NumNet Studio.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerActivations</name>
    <message>
        <source>layer {i} · conv {kh}×{kw}, {act} → {c} maps {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} · {kind}, {act}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerButtons</name>
    <message>
        <source>Add layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a layer after the selected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected layer (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected layer up (Ctrl+Up); or drag it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected layer down (Ctrl+Down); or drag it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerForm</name>
    <message>
        <source>Change this layer&apos;s type (its settings start from the new type&apos;s defaults).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer in the list to edit its settings, or add one with “Add layer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (Xavier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (He for ReLU, else Xavier)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerList</name>
    <message>
        <source>Empty list: use “Add layer” or load a preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag layers to reorder them · Delete removes · Ctrl+↑/↓ moves · Ctrl+Z undoes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
Output per sample: {1}. Drag to reorder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown layer {0!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} init</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveDrawing</name>
    <message>
        <source>Light: training at nearly full speed (5% for drawing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots update a few times a second; training loses almost nothing to drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium: smoother plots (15% for drawing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots update more often; training runs somewhat slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full: smoothest plots (40% for drawing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every visible panel redraws as often as it can; training can run at half its speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live drawing while training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About NumNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These panels could not be built and are missing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built a new network with seed {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumNet model (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumNet run (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the plots to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;NumNet Studio&lt;/b&gt;&lt;br&gt;Build a neural network, watch it learn, look inside it, race optimizers and draw digits for it to read.&lt;br&gt;Everything numeric is NumPy, written from scratch. MNIST: Yann LeCun and Corinna Cortes, CC BY-SA 3.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Training completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped after diverging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training ended with an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1-D gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation type="unfinished">写一个数字</translation>
    </message>
    <message>
        <source>Draw new initial weights with the seed and clear the history (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved model (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved run with its optimizer state and history (Ctrl+Shift+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizers on MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume training (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit NumNet Studio (Ctrl+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the loss and accuracy data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the loss and accuracy plots as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the network&apos;s weights (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole run: weights, optimizer state, history (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train exactly one mini-batch, then pause (F10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train to the end of the current epoch, then pause (Shift+F10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis: late, small improvements become visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw batch loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each mini-batch&apos;s own loss. It is noisy because every batch is a different small sample of the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window of the moving average drawn over the batch loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration (mini-batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moving average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch accuracy (moving average)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test (epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training yet.

Press Start (Ctrl+Return) to train the network and watch its loss fall and its accuracy rise, batch by batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration {0} · epoch {1} · loss {2:.4f} (average {3:.4f}) · batch accuracy {4:.1f}% · learning rate {5:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · validation accuracy (end of epoch) {0:.2f}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Layer {0} has a problem: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} neurons, {2} drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(drawn: the most strongly connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: output {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights W[{0}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>biases b[{0}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: neuron {1} of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixel row {0}, column {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming weights: shown after Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming weights W[{0}][:, {1}]:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  count {0}   |w| mean {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  mean {0}   std {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  min {0}   max {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias b[{0}][{1}] = {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: count {1}, mean {2}, std {3}, min {4}, max {5}, |w| mean {6}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} pieces</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptimizerLabPanel</name>
    <message>
        <source>Click to start the paths there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover to read (x, y, f) of every path at a step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The function f(x, y) the optimizers go down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many updates each optimizer takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the paths step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Show one more step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Animation speed (steps per second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The book&apos;s learning rates, tuned per method for x²/20 + y²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rates tuned per method for this surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All equal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same learning rate for every method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate “All equal” gives every method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with care: learning rates are not comparable across methods — SGD scales the gradient by lr, Adam and RMSProp step about lr whatever the gradient. The book&apos;s rates are tuned per method for x²/20 + y²; with one rate for all the ranking changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x²/20 + y² (the book)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>20 times flatter along x than along y: SGD zig-zags across y while it creeps along x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rosenbrock (1 − x)² + 100(y − x²)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A long curved valley: easy to find, hard to follow to (1, 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flat plateaus and steep walls; the minimum is at (3, 0.5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Himmelblau (x² + y − 11)² + (x + y² − 7)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four equally deep minima: which one is reached depends on the path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saddle x² − y²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No minimum: a saddle point at (0, 0). A good optimizer escapes along y.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bowl x² + y²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round: every direction is equally steep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log₁₀ f(x, y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x, y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x, y), log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverged at step {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} diverged at step {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — the point flew off; try a smaller learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {k} / {n}</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iterations: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batches of 128 images each optimizer trains on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chooses the initial weights and the mini-batches, the same for every optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the network once with each checked optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the race after the current mini-batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch 128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss of each optimizer against the iteration: bold smoothed, faint raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Run to train the same 5 × 100 ReLU network
with each checked optimizer (the book&apos;s ch06 experiment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same network, same initial weights, same mini-batches — only the optimizer differs. Bold curves are smoothed like the book&apos;s figure; the faint ones are the raw batch losses. The rates are the book&apos;s defaults; each method has its own scale, so this is not a contest at equal tuning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one optimizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {n} optimizers × {it} iterations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final loss (smoothed): {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Loss so far (smoothed): {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The race failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Diverged at iteration: {names} — try a smaller learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train your first network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training and watch the loss fall and the accuracy rise, batch by batch and epoch by epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See the layers and their matrix sizes, the weights as heatmaps, and the features the first layer has learned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race SGD, Momentum, AdaGrad and Adam on the book&apos;s surface x²/20 + y², and step gradient descent by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to NumNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep learning comes down to three steps. In this app you can see each of them, change it, and watch what happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to begin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also starts training (pause with Space, stop with Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All concepts of the course notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A list of every concept in the notes with its Chinese term, and the panels that show it (also under Help → Concepts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the architecture: which functions the network can compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loss: how far its answers are from the right ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimizer: how the weights move to lower the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0} of the three steps of deep learning: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Setting not changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: this model does not fit the {1} data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened run {0}; press Start to continue it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no training run to save yet; save the model instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved model to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved run to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before changing the data set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the data set: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before rebuilding the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid network: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights re-initialised with seed {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>MNIST handwritten digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XOR (exclusive or)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two Gaussian clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spiral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two moons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toy 2-D: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDX folder (MNIST format)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Settings marked live can change while training runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training. Optimizer, learning rate, batch size, L2 and dropout apply from the next mini-batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Press Space to resume or step one batch at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished. Start trains further from the current weights; Reset (Ctrl+R) starts over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ms/batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with train-images-idx3-ubyte(.gz) and friends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>epoch {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,.0f} samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>elapsed {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— samples/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Which layer&apos;s weights to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Robust colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale colours to the 99th percentile of |w| instead of the largest |w|, so a few large weights do not wash out all the others</source>
        <translation type="unfinished"></translation>
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
        <source>bias b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build or train a network to see its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {i} · {kind} {f} filters {kh}×{kw}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {i} · {kind} {n_in} → {n_out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · step {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W {shape} · max |w| {max} · colours ±{top}{step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output unit (class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixel {r} (row {y}, col {x})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit of layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit {r} of layer {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input feature (flattened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit {c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{src} → {dst}: w = {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filters, {n} per row ({kh}×{kw} each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter {f} · channel {c} · kernel row {i}, col {j}: w = {v}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>identity (none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activation: the layer stays linear. The output layer keeps it, because the loss applies softmax itself (classification) or compares z with the target directly (regression).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A smooth step from 0 to 1. Its slope is at most 0.25 and almost 0 for large |z|, so in deep networks gradients vanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sigmoid centred on 0, from −1 to 1, with slope 1 at 0; it still saturates for large |z|.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes positive values and zeroes the rest. Its slope is 1 wherever it is active, so deep networks train fast; a unit that is never active is dead and stops learning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leaky ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU with a small slope for negative inputs, so a unit never dies completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU with a smooth negative part that tends to −1: outputs are closer to zero-centred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The perceptron&apos;s activation. Its slope is 0 everywhere, so no gradient flows back: gradient descent cannot train it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>concepts</name>
    <message>
        <source>Neuron: weighted sum, bias, activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A neuron computes t = f(wᵀa + b): the weighted sum of its inputs plus a bias, passed through an activation function f.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perceptron as a logic gate, and XOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One layer draws a single straight line between two classes: enough for AND, NAND and OR but not for XOR (try the XOR data set with and without a hidden layer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation functions and their derivatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The non-linear f of each layer (step, sigmoid, tanh, ReLU, leaky ReLU, ELU, maxout); its derivative f′ decides how much gradient flows back through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully connected feed-forward network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers in a row, each neuron connected to every neuron of the layer before: an input layer, hidden layers and an output layer; the number of layers is the depth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax turns the output layer&apos;s scores into a probability distribution: positive numbers that sum to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: squared error and cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss measures how far the output is from the target; cross-entropy suits softmax classification, squared error suits regression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training, validation and test data; overfitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network learns from training data and is judged on data it has never seen; when training accuracy keeps rising but validation accuracy does not, it is overfitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch, epoch, iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each iteration updates the weights from a small random batch of samples; one epoch is one pass over the whole training set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent and the learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gradient points uphill on the loss, so each step moves the weights against it, scaled by the learning rate, a hyperparameter you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpropagation on a computational graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpropagation applies the chain rule backwards through the computational graph and gets the gradient of every weight in one pass (see the gradient size per layer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing backpropagation&apos;s gradients with numerical ones catches mistakes in a backward pass: their relative error should be tiny.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vectorization and matrix dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch of m samples passes through a layer as one matrix product; checking the shapes of W[l], b[l], Z[l] and A[l] catches most mistakes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD, Momentum, AdaGrad, RMSProp, Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules that turn gradients into steps: Momentum adds velocity, AdaGrad and RMSProp adapt the step of each weight, Adam does both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale of the starting weights (σ = 0.01, Xavier, He) decides whether activations stay spread out or collapse from layer to layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay, dropout, batch normalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay (L2) pulls weights towards zero and dropout switches off random neurons, both against overfitting; batch normalization keeps each layer&apos;s inputs well scaled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choosing hyperparameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyperparameters are chosen by their score on validation data split off the training data, never by the test data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep representation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early layers find simple features such as strokes and edges; later layers combine them into larger shapes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convolutional network: convolution and pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convolution layers slide small learned filters over the image and pooling layers shrink the result, so the network keeps the image&apos;s layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The three steps of deep learning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define a set of functions (the architecture), say how good a function is (the loss), and pick the best one (the optimizer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-hot target vector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target is a vector of zeros with a single 1 at the correct class, compared with the softmax output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression and function approximation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For regression the output layer is the identity function with squared error, and a large enough network can approximate any continuous function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numerical differentiation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slope estimated from two nearby values, (f(x + h) − f(x − h)) / 2h: slow, but a reliable check of backpropagation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward caches for the backward pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The forward pass keeps each layer&apos;s Z[l] and A[l] because the backward pass needs them to compute the gradients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcasting the bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bias b[l] is added to all m samples at once by broadcasting, without copying it m times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training at the epoch where the validation loss was lowest, before the network starts to overfit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local minima and saddle points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points where the gradient is zero but the loss is not at its lowest: optimizers can stall there, and momentum helps to roll on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why deep rather than fat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the same number of parameters a deep network usually learns better than a wide shallow one, because its layers reuse each other&apos;s features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurrent networks for sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recurrent network carries a hidden state from step to step, so it can read sequences such as text or speech.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handwritten digit recognition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading handwritten digits (MNIST) is the notes&apos; first real project: draw one and see what the network answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>initializers</name>
    <message>
        <source>He</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For ReLU: ReLU zeroes about half its inputs, so twice Xavier&apos;s variance keeps the signal&apos;s size from layer to layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For sigmoid and tanh, which are nearly linear around 0: the signal keeps its size from layer to layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal (σ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fixed σ. The book&apos;s 0.01 is too small for deep networks: activations shrink layer by layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <source>Conv2D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conv2D (convolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters slide over the image; each produces one feature map. Far fewer weights than a dense layer, and the same feature is found anywhere in the image. Output size = (H + 2·padding − kernel) / stride + 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of filters = number of output channels (feature maps). Each filter has kernel × kernel × input-channels weights and one bias.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height and width of each filter: 5 means a 5×5 window. A larger kernel sees more at once but has more weights and shrinks the image more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many pixels the window moves between positions. Stride 2 roughly halves the output&apos;s height and width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stride {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows and columns of zeros added around the input. Without padding a k×k kernel shrinks the image by k − 1; padding (k − 1)/2 (2 for a 5×5 kernel) keeps its size. Output size = (H + 2·padding − kernel) / stride + 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pad {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MaxPool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MaxPool (pooling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the largest value of each window: smaller feature maps, a little robustness to shifts, no weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size: each output is the largest value in a size × size window. Size 2 halves the height and width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the window moves. &apos;same as size&apos; gives non-overlapping windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of neurons. Each one has a weight for every input plus a bias, so this layer has (inputs × units) weights and units biases. The last layer needs one unit per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The function f applied to each weighted sum z. ReLU, max(0, z), trains fast in deep nets; sigmoid and tanh saturate (f′ ≈ 0 for large |z|), so gradients vanish in deep nets. Keep the output layer&apos;s identity: the loss applies the softmax itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the first weights are drawn. He (σ = √(2/n_in)) suits ReLU: ReLU zeroes about half its inputs, so twice the variance keeps the signal&apos;s size from layer to layer. Xavier (σ = √(1/n_in)) suits sigmoid and tanh, which are nearly linear around 0. normal uses a fixed σ (the book&apos;s 0.01 is too small for deep nets: activations shrink layer by layer). Default: He for ReLU-like activations, otherwise Xavier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ (normal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation σ of the initial weights for the &apos;normal&apos; initializer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense (fully connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every neuron computes a = f(w·x + b) from all outputs of the previous layer (Affine + activation). Images are flattened first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns channels × height × width into one long vector for the dense layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switches off a random fraction of neurons at each training step, so the network cannot rely on any single one: fights overfitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of neurons dropped at each training step (the rest are scaled by 1/(1 − rate), so nothing changes at test time, when nothing is dropped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalises each feature over the mini-batch to mean 0, variance 1, then scales (γ) and shifts (β): training is faster and less sensitive to the initial weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How slowly the running mean and variance (used at test time) follow the mini-batch statistics: 0.9 averages over roughly the last 10 batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>momentum {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A small number added to the variance so no division is by zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maxout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each unit computes several weighted sums and outputs the largest: an activation function that is learned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many weighted sums each maxout unit takes the maximum of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× {0} pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies a function to every value, e.g. ReLU after a BatchNorm layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>live_settings</name>
    <message>
        <source>After every epoch the learning rate is multiplied by this factor: big steps first, then finer ones. 1 keeps it constant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of units switched off at random during training, in every dropout layer (add one in the architecture editor). The kept ones are scaled by 1/(1 − rate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many passes over the training data (epochs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the weights move along the gradient. SGD takes plain steps; Momentum and Nesterov add velocity; AdaGrad, RMSProp and Adam adapt the step size per weight. Takes effect at the next batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 (weight decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 regularization λ (weight decay): adds ½λ·ΣW² to the loss, pulling weights toward zero to fight overfitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate η, a hyperparameter: the step size of gradient descent. Too small learns slowly; too large overshoots and diverges. Arrows step 1-2-5; takes effect at the next batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning-rate decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the training data held out to check for overfitting (validation data); it is never trained on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause after every mini-batch (milliseconds), to watch learning in slow motion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed for the initial weights, the data split and the batch order: the same seed gives the same run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples per mini-batch: one gradient step per batch. Smaller batches give noisier but more frequent steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished">随机种子</translation>
    </message>
    <message>
        <source>Slow motion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network learns from: MNIST (60,000 handwritten digits, 28×28), a toy 2-D set of points in two classes, to see decision boundaries, or a folder of IDX files (Fashion-MNIST or your own data).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>losses</name>
    <message>
        <source>softmax cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy error of the softmax probabilities: minus the log of the probability given to the right class. Together with softmax its gradient is simply (p − t) / m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean squared error between the softmax probabilities and the one-hot target. It learns more slowly than cross-entropy when the answer is badly wrong, because softmax saturates.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>optimizer_table</name>
    <message>
        <source>Learning rate of {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stochastic gradient descent: a step against the gradient of the mini-batch, of size learning rate η times the gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent with a velocity v: steps in a steady direction add up, zig-zags across a narrow valley cancel out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of the last velocity is kept at each step: 0.9 averages the gradients over roughly the last 10 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum that looks ahead: the gradient is taken where the velocity is about to carry the weights, so it overshoots less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adaptive learning rate per weight: weights that have moved a lot take smaller steps. The steps keep shrinking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdaGrad that forgets: h is a moving average of squared gradients, so the steps do not shrink to nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decay rate ρ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How slowly the average of squared gradients forgets: 0.99 averages over roughly the last 100 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum and RMSProp together, with a correction for the first steps (bias correction): a good default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β₁ (momentum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of the average gradient m is kept at each step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β₂ (squared gradients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of the average squared gradient v is kept at each step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <source>Add layers to see the network here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the input so far: add layers with “Add layer” or load a preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After Apply, lines show the weights: blue negative, red positive, thicker = larger. Hover a neuron for its weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight, thickness = |w|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
