# Chinese indicator lexicon (see lexicon.go for the format). Chinese is
# matched character by character: a term is a run of characters, windows
# and scopes count characters (about one and a half to a word), so the
# windows here are wider than the Latin lexicons'. A negator (不, 没, 没有,
# 未, 无) reaches five characters forward, and two back for the resultative
# (回答不了, 说不清). A term that holds its own negator (不愿, 不感兴趣, 未定,
# 无所谓, 无关) is not negated by it. 非 (非常, very) and 别 (别的, other) are
# no negators here.
lang: zh
script: han
scope: 5
scope_after: 2
window: 16
negators: 不 没 没有 未 无 "并未" "从未" "毫无" "无法" "尚未"
not_negators: 不同 不断 不少 不仅 不过 不管 不错 不久 不但 无论 没错 不一样
breaks: 但 而 却
hedges: 如果 若 假如 万一 要是 倘若 一旦 "如若"
hedge_guards: 问 询问 打听

# ---- shared ----
@SAY: 说 说明 告知 告诉 透露 披露 解释 表明 讲 讲明 提供 给出 回答 答复 回复 确认 签署 签字 填写 提交 交代 指明 明确 注明 声明 描述
@REFUSE: 拒绝 拒不 不愿 不肯 不想 不愿意 不打算 不准备 回避 躲避 逃避 闪烁其词 支支吾吾 含糊其辞 推脱 推托 搪塞 隐瞒 缄口 沉默 "不便透露" "不方便透露" "无可奉告" 不予 犹豫 迟疑 "不配合"
@EVADE: 回避 躲避 逃避 闪烁其词 支支吾吾 含糊 含糊其辞 模糊 模棱两可 前后矛盾 矛盾 自相矛盾 不一致 说法不一 不清楚 不明确 不重要 无关紧要 "与你们无关" "不关你们的事" 岔开话题 转移话题 顾左右而言他 绕圈子 敷衍 搪塞 推脱 避而不答 "不正面回答" "没有正面回答" "没有明确答复" 答非所问 不耐烦 转而 岔开 不同的说法 说法不一
@EVADESTRONG: 回避 躲避 逃避 闪烁其词 支支吾吾 含糊其辞 岔开话题 转移话题 顾左右而言他 绕圈子 避而不答 答非所问 "不正面回答" "没有正面回答" 搪塞 敷衍
@PRODUCT: 产品 货物 物品 部件 零件 元件 组件 模块 设备 装置 器件 机器 机床 材料 传感器 系统 芯片 电路板 板卡 工具 仪器 单元 型号 接收机 发射机 电机 马达 控制器 东西

# ---- end use ----
@PURPOSE: 用途 为什么需要 为何需要 为什么要买 为何购买 买来做什么 用于 用来 做什么用 干什么用 作何用途 什么用途 最终用途 最终用户 终端用户 最终使用者 最终客户 终端客户 谁来使用 给谁用 使用目的 采购目的 "目的是" 什么目的 何目的 什么项目 应用领域 最终用户声明 使用方 "用在哪" "用在什么" 操作 谁会 谁来 最终客户
@MISSING: 未知 不明 不详 未说明 未注明 未填写 未提供 未告知 未透露 没有说明 没有提供 没有信息 没有任何信息 无信息 没有资料 空白 留空 保密 机密 秘密 商业秘密 不便透露 内部项目 缺失 缺少 未明确 不清楚 含糊 模糊 一般 不吭声 沉默 不清楚
end_use_missing: REFUSE PURPOSE window=18
end_use_missing: ^SAY PURPOSE -FUNCTION window=16
end_use_missing: MISSING PURPOSE window=10
end_use_missing: EVADE PURPOSE window=12

# ---- evasive about the destination, domestic use or re-export ----
@DEST: 目的地 最终目的地 目的国 再出口 转出口 出口 转口 留在国内 留在 国内 境内 境外 国外 第三国 哪个国家 什么国家 去哪 去向 运往哪里 转卖 转售 转运 中转 过境 最终去向 最终流向 流向 使用国
evasive_customer: EVADE DEST window=16
evasive_customer: REFUSE DEST window=12
evasive_customer: ^SAY DEST -NOTYET window=12
evasive_customer: EVADESTRONG -PURPOSE -DATE -DELIV window=30

# ---- unfamiliar with the product ----
@KNOW: 了解 知道 懂 明白 理解 清楚 熟悉 解释 说明 回答 答 说 讲 掌握
@TECH: 参数 技术参数 规格 技术规格 数据手册 数据表 性能 指标 特性 电压 电流 功率 接口 协议 频率 带宽 温度 范围 分辨率 精度 公差 技术 功能 工作原理 怎么用 如何工作 做什么用 是做什么的 应用 配置 设置 供电 电源 基本问题 简单问题 技术问题 哪个型号 什么型号 型号 版本 速度 扭矩 灵敏度 量程 零件号 料号 伏特 安培 瓦特 流量 压力 接口 插头 螺纹 电缆 端口 尺寸
@UNFAMILIAR: 不了解 分不清 搞不懂 弄不清 弄不懂 不知道 不懂 不明白 不理解 不熟悉 一无所知 毫无概念 没有概念 没概念 不太懂 完全不懂 外行 门外汉 不专业 不是工程师 不是技术人员 没有经验 缺乏经验 没经验 答不上 回答不了 答不出 说不出 说不清 讲不清 搞不清 搞混 混淆 不会用 搞混 混淆 分不清 所谓
@ASKED: 问 询问 打听 请教
@DOES: 做什么用 干什么用 是做什么的 有什么用 什么用 怎么用 如何使用 用来干什么 用来做什么 到底是什么 能做什么 干什么的 "是什么东西"
unfamiliar_product: ^KNOW TECH window=16
unfamiliar_product: UNFAMILIAR TECH window=16
unfamiliar_product: UNFAMILIAR PRODUCT window=16
unfamiliar_product: ASKED DOES window=16

# ---- routine services declined ----
@SERVICE: 安装 调试 现场调试 培训 训练 质保 保修 维护 维修 保养 服务 售后 售后服务 技术支持 校准 标定 验收 现场 工程师 技术员 备件 备品备件 上门 使用手册 说明书 文档 升级 开机
@DECLINE: 拒绝 不要 不需要 不用 无需 没必要 不必 不感兴趣 没兴趣 没有兴趣 放弃 谢绝 婉拒 取消 删除 去掉 免去 省去 不考虑 不接受 不购买 不买 不订 不参加 婉拒 自己搞定 不要派
@WANT: 要 需要 想要 感兴趣 兴趣 接受 购买 订 参加 关心 在乎
@SELF: 自己 自行 内部 自己安装 自行安装 自己调试 自行调试
declined_services: DECLINE SERVICE window=16
declined_services: ^WANT SERVICE window=12
declined_services: ^SERVICE WANT window=10
declined_services: SELF SERVICE window=8

# ---- vague delivery ----
@DATE: 日期 时间 交期 工期 期限 什么时候 何时 时候 档期 时间表 进度 交货期
@DELIV: 交货 交付 发货 送货 出货 运输 装运 提货 取货 到货 配送 发运 运送 寄送 送到 发到 运到
@OPEN: 未定 未确定 没定 没有定 不确定 不定 待定 待确定 未知 不清楚 模糊 含糊 说不准 不好说 再说 再议 以后再说 到时候 到时再 方便的时候 有空的时候 随时 看情况 视情况 不一定 还没 尚未 暂未 暂无 灵活 不明确 还没 看他们 说送哪儿 到时通知 没有指定
@FIXED: 确定 定 确认 敲定 明确 固定 约定 商定 安排
@REMOTE: 偏远 偏僻 边远 荒凉 荒野 边境 边界 靠近边境 边境附近 沙漠 冲突地区 战区 交战区 没有地址 无地址 山区
@LOCATION: 地址 地点 地方 位置 交货地点 收货地点 送货地点 场地 收货人
@LATER: 以后 稍后 另行通知 再告知 再通知 后续 届时 到达后
vague_delivery: OPEN DATE window=12
vague_delivery: OPEN DELIV window=11
vague_delivery: ^FIXED DATE window=10
vague_delivery: ^SAY DATE window=10
vague_delivery: REMOTE DELIV window=16
vague_delivery: REMOTE LOCATION window=10
vague_delivery: LATER LOCATION window=12
vague_delivery: LATER DATE window=12

# ---- price far above the market ----
@MULT: 倍 翻倍 加倍 双倍 /^[0-9]+x$/
@ABOVE: 高于 远高于 高出 超过 超出 更高 高得多 溢价 加价 偏高 贵 更贵 多付
@REFPRICE: 目录价 目录价格 目录 市场价 市场价格 市场 标价 列表价 价目表 价目 正常价格 常规价格 一般价格 行情 同行 竞争对手 经销商 别家 实际价值 我们的报价
@PRICEWORD: 价格 价钱 价 报价 费用 成本 金额 单价 总价
@PAYVERB: 付 支付 付款 接受 同意 愿意 出价 答应
@MATTER: 在乎 在意 关心 重要 计较 问题 无所谓
@NOOBJECT: 不惜代价 不惜一切代价 不计成本 多少钱都 多贵都 价格不是问题 价格无所谓 不管价格 无论价格 无论多少钱
@CHECK: 核实 核对 检查
overpricing: MULT PRICEWORD PAYVERB -CHECK window=18
overpricing: ABOVE REFPRICE PAYVERB window=18
overpricing: ABOVE REFPRICE PRICEWORD window=12
overpricing: ^MATTER PRICEWORD window=10
overpricing: NOOBJECT

# ---- cash, crypto-currency ----
@CASH: 现金 现款 现钞 纸币 钞票
@CRYPTO: 加密货币 虚拟货币 数字货币 比特币 泰达币 usdt btc 以太坊 数字资产 哈瓦拉 地下钱庄 金条 西联汇款 西联 预付卡 礼品卡
@CASHOK: 折扣 现金折扣 优惠 现金流 提前付款 现金管理
unusual_payment: CASH -CASHOK window=12
unusual_payment: CRYPTO

# ---- payment re-routed ----
@PAY: 付款 支付 付 汇款 款 货款 资金 钱 转账 结算 发票 账款 付款方 付款人 电汇
@SWITCH: 改 改由 改成 改为 换 换成 变更 更改 改变 转由 转到 转给 不再 改从
@OTHERPARTY: 第三方 第三者 另一家 另一个账户 另外一个账户 另一账户 别的账户 其他账户 另一家公司 其他公司 别的公司 另一个国家 其他国家 无关 没有关系 不相关 离岸 空壳 皮包公司 个人账户 私人账户 一家 关联公司 不相干 换汇店 另一家
@ORIG: 原定 原计划 原来 本来 原本 最初 起初 按计划 原先
@NOW: 现在 如今 改为 最后 最终 最后一刻 临时 突然 但 却
@PAYTERMS: 付款条件 付款方式 账期 付款期限 分期 信用证 天内 币种 人民币 美元 欧元 预付款 定金 空运单 提单 形式发票
payment_reroute: SWITCH PAY -PAYTERMS -CASH window=12
payment_reroute: ORIG PAY NOW window=28
payment_reroute: PAY +OTHERPARTY -CASH window=14

# ---- shipping changed ----
@SHIPTO: 收货人 收件人 收货方 收货地址 送货地址 交货地址 地址 目的地 目的国 目的港 路线 运输路线 航线 发货指示 运输指示 货代 货运代理 通知方 发往 运往 卸货港
@SHIPSWITCH: 改 更改 变更 改变 换 换成 改成 改为 新的 新地址 新收货 新目的 新送货 新交货 新路线 另一个 另一 其他 别的 不同 更新 修改 替换 代替 取代
@SPLIT: 拆 分给 分配给 分摊 分散到 拆分 拆成 分成 分为 分开 分批 分几次 分拆 一半 另一半 剩下的 剩余 其余 几个小订单 多个订单 几笔订单 好几笔 多笔 小订单 小批量 多次 分别 每笔 每个订单 每批 每张发票 两个订单 三个订单 两笔 三笔 分两次 分三次 几批
shipping_change: SHIPSWITCH SHIPTO -SPLIT window=18

# ---- split shipments ----
@SPLITHEAD: 拆 分给 分配给 分摊 分散到 拆分 拆成 分成 分为 分开 分批 分几次 分拆 一半 另一半 几个小订单 多个订单 几笔订单 好几笔 多笔 小订单 小批量 每笔 每个订单 每批 每张发票 两个订单 三个订单 两笔 三笔 分两次 分三次 几批 分批 每批 分四次 分几次
@DIFF: 不同 各个 各 多个 几个 其他 另一 另 别的 分别 两 三 四 五
@TARGET: 收货人 收件人 地址 公司 客户 买方 实体 仓库 地点 目的地 名字 名义 收货方 货代 批
@UNDER: 低于 略低于 以下 不超过 不到 少于 避开 规避 避免 绕过 无需许可 免许可
@LIMIT: 门槛 限额 限值 上限 阈值 申报 许可 许可证 管制 报告 备案 审批
@MONEY: 美元 欧元 元 件 个 台 套 单位 usd
split_shipment: SPLITHEAD DIFF TARGET window=20
split_shipment: SPLITHEAD UNDER LIMIT window=20
split_shipment: SPLITHEAD UNDER MONEY window=18

# ---- wider coverage (round 2: synonyms, redirected shipments, premiums, unnamed consignees) ----
@REDIRECT: 改发 转发 改运
shipping_change: REDIRECT DELIV window=10
@PREMIUMPAY: 多付 多给钱 加价
overpricing: PREMIUMPAY -CHECK
vague_delivery: ^SAY LOCATION window=6

# ---- round 3: concept families (eval/notes/train2.jsonl); see en.lex ----
@EVADE: 挂了电话 挂断电话 不吭声 闭口不谈 支支吾吾 含糊其辞 耸耸肩 耸肩 顾左右而言他 打哈哈 搪塞 敷衍
@SAY: 寄回 发回 交回 回传 回复
@VAGUEUSE: 各种项目 不同项目 多个项目 一般用途 一般工业 各种用途
end_use_missing: PURPOSE VAGUEUSE window=16
@NOTYET: 暂时 目前 现在还 尚未
@INSTEADBUYER: 代替客户 代替买方 代替买家 替客户 替买方 不是买方 不是客户 不是买家 并非买方 而非买方 而不是买方 而不是客户 代客户
payment_reroute: PAY INSTEADBUYER window=16
@VIA: 通过 经由 经过 来自
@PAYPARTY: 伙伴 合作伙伴 贸易伙伴 亲戚 朋友 表哥 兄弟 换汇店 兑换店 货币兑换 钱庄 中间人 中介 个人账户 私人账户 另一家公司 第三方 其他公司 一家公司 关联公司
payment_reroute: PAY VIA PAYPARTY -CASH window=18
@NOHAGGLE: 没讲价 没有讲价 不讲价 没还价 没有还价 不还价 没砍价 没有砍价 二话不说 毫不犹豫 没有议价 没有谈判
overpricing: NOHAGGLE PRICEWORD window=18
overpricing: NOHAGGLE PAYVERB window=14
@TRANSIT: 自贸区 自由贸易区 保税区 保税仓 保税仓库 海关仓库 监管仓 货代仓库 代理的仓库 代理仓库 我们的代理 邮政信箱
@SOMEWHERE: 某个地方 某地 随便哪里 某个港口 某个仓库
@NOTKNOWN: 待定 待确认 未定 还不确定 不确定 尚未确定 以后再告知 以后告知 另行通知 稍后告知 未知 还没定
vague_delivery: TRANSIT DELIV window=14
vague_delivery: TRANSIT LOCATION window=14
vague_delivery: SOMEWHERE DELIV window=14
vague_delivery: SOMEWHERE LOCATION window=12
vague_delivery: NOTKNOWN LOCATION window=12
vague_delivery: NOTKNOWN DELIV window=14
@SPLITMORE: 分给 分发给 分配给 分送 剩下的 其余的 另一半
split_shipment: SPLITMORE DIFF TARGET window=20
@INABLE: 说不清 讲不清 说不出 答不上 无法 没法 说不上来 搞不清
@FUNCTION: 干什么用 做什么用 是干什么的 有什么用 干什么的 用来干什么 用来做什么
unfamiliar_product: INABLE FUNCTION window=14
unfamiliar_product: INABLE PRODUCT FUNCTION window=16
# an order cut into a number of orders, invoices or parcels, or each part
# invoiced on its own (not: cost centres, a framework contract, one site)
@CUT: 拆 拆成 拆分 分成 分为 分拆 切分
@COUNT: 几 两 二 三 四 五 六 七 八 九 十 /^[0-9]+$/
@DOCUNIT: 订单 发票 包裹 批次 批 单
@EACHOWN: 单独开票 分别开票 各自开票 单独开发票 每批单独 每单 每个单独
@COSTCENTRE: 成本中心 框架合同 同一个工厂 同一工厂 同一地址 同一个地址
split_shipment: CUT COUNT DOCUNIT -COSTCENTRE window=10
split_shipment: EACHOWN COUNT -COSTCENTRE window=14
unfamiliar_product: INABLE TECH window=12
@EVADE: 不同的说法 说法不一 说法都不一样 每次说法不同
@PREMIUMPAY: 多付 多付钱 多给钱
@SOMEWHERE: 哪儿就 哪里就

# ---- round 4: concepts across the wording (eval/notes/train3.jsonl) ----
# 问到最终使用者时回避是回避；问用途答以"保密""内部"；货物改发往别处、
# 而不是原地；付几倍或多付百分之几；另一个账户付款；分不清两种型号、
# 不会操作设备。
@ENDUSER: 最终用户 终端用户 最终使用者 最终客户 终端客户 使用方 操作方 谁来使用 给谁用 哪个工厂
@EVADE: 回避问题 顾左右而言他 岔开话题 转移话题 只谈价格 避而不谈 支吾
evasive_customer: EVADE ENDUSER window=20
@SECRET: 保密 机密 秘密 内部 商业秘密 无可奉告 "与你们无关" "不关你们的事" 私事
@ASKPURPOSE: 用途 用来 用于 做什么 干什么 目的
end_use_missing: ASKPURPOSE SECRET -ENDUSER window=20
@INSTEAD: 而不是 而非 改为 改发 改运 改寄 改送 "不再发" "不再运"
@MOVE: 发往 运往 发货 运到 送到 寄到 发到 货物 货 运输 发运 改发 改运 改寄 改送
shipping_change: INSTEAD MOVE -PAY -SPLIT window=16
@PCT: /^[0-9]+$/
@MOREPCT: 多付 额外 加价 溢价
overpricing: PAYVERB MULT -CHECK -SPLIT window=8
overpricing: MOREPCT PCT -CHECK -CASHOK window=6
@NEWACCOUNT: 另一个账户 另一账户 新账户 新开的 其他账户 别的账户 另一家银行 新的银行 其他银行 另一个帐户 新帐户
payment_reroute: NEWACCOUNT -CASHOK window=14
@DIFFER: 区别 差别 差异 分不清 区分
@OPERATE: 操作 使用方法 怎么用 如何使用
unfamiliar_product: ^KNOW DIFFER window=12
unfamiliar_product: INABLE DIFFER window=12
unfamiliar_product: DIFFER INABLE window=12
unfamiliar_product: ^KNOW OPERATE window=8
unfamiliar_product: INABLE OPERATE window=8
# neither the purpose nor the destination given: a correlative negation
# reaches both topics, whatever the verb's own polarity
@NEITHER: 既不 也不 既没 也没 既未 也未
end_use_missing: ~ASKPURPOSE NEITHER ~SAY -ENDUSER window=18
end_use_missing: ~PURPOSE NEITHER ~SAY -ENDUSER window=18
evasive_customer: ~DEST NEITHER ~SAY window=18
# negative verbs and offers (round 4): "refused to name", "did not refuse to
# name", "ready to pay more if we take cash"
neg_verbs: 拒绝 犹豫
offers: 愿意 提出 主动 想 坚持 表示愿意
# round 4b (见 en.lex)
@VARIANTS: 说法 版本 解释 答案 回答
evasive_customer: VARIANTS DIFF DEST window=20
@WRITE: 写 填写 注明 标明 写明 列明 显示 出现 提到
@DOCS: 单据 文件 单证 发票 标签 装箱单 提单 报关单 表格
evasive_customer: ^WRITE DEST DOCS window=20
evasive_customer: ^WRITE DOCS DEST window=20
@FIELD: 一栏 栏 字段 部分 问卷 表格 表
@MISSING: 空白 空着 未填 没填 没有回复 未回复
end_use_missing: PURPOSE FIELD MISSING window=12
@GENERAL: 一般 各种 各类 多种
@USES: 用途 工业用途 用处 需要 需求
end_use_missing: GENERAL USES window=6
# round 4c (见 en.lex)
@RELATIVE: 弟弟 哥哥 兄弟 姐姐 妹妹 表哥 表弟 堂兄 叔叔 舅舅 儿子 女儿 妻子 丈夫 亲戚 亲属 家人
payment_reroute: PAY RELATIVE -CASH window=16
@PAY: 汇款 汇来 汇出
@APLACE: 某个港口 某港口 某个仓库 某个地方 某地
@NODETAIL: 没有更多信息 没有详细信息 没有细节 无更多信息 无详细 没有具体
vague_delivery: APLACE NODETAIL window=20
vague_delivery: DELIV NODETAIL window=16
vague_delivery: APLACE -PAY window=8
@LOST: 茫然 一脸茫然 不知所措 一头雾水 愣住 答不上
@TECH: 工作温度 温度
unfamiliar_product: LOST TECH window=16
unfamiliar_product: TECH LOST window=16
@SIMPLEQ: 简单问题 简单的问题 基本问题
unfamiliar_product: SIMPLEQ INABLE window=12
# round 4d (见 en.lex)
@WHYCARE: 为什么关心 为何关心 为什么要知道 关你们什么事 与你们何干 为什么问
@WHERE: 哪里 哪儿 装在 安装在
evasive_customer: WHYCARE WHERE window=16
@ONLY: 只说 只是 仅说 只
@PROJECT: 一个项目 项目
end_use_missing: PURPOSE ONLY PROJECT window=16
end_use_missing: ONLY PURPOSE PROJECT window=16
@CROSSED: 划掉 涂掉 删掉 没有签字 未签字
end_use_missing: PURPOSE CROSSED window=16
end_use_missing: ASKPURPOSE ONLY PROJECT window=14
# round 4e: a series of orders each just under a threshold (one order
# under a threshold is no split)
@EACH: 每个 每笔 每一个 都 各
@DOCUNIT: 订单 单 笔
split_shipment: EACH UNDER LIMIT DOCUNIT window=20
# round 4f: the goods re-pointed, "not to X any more but to Y"
@NOTBUT: 不再
@CONTRAST: 而是 改为 改成
@MOVE: 交给 交付 送给
shipping_change: ~NOTBUT CONTRAST MOVE window=24
# round 4g: knowing next to nothing about the product while ordering it; not
# one technical question answered
@UNFAMILIAR: 一无所知 一窍不通 毫无了解 完全不懂
@TECHQ: 技术问题
@NOTONE: 连一个 没回答 答不上 没有回答
unfamiliar_product: NOTONE TECHQ window=20
unfamiliar_product: TECHQ NOTONE window=20
