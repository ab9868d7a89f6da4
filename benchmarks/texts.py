"""Real-length project texts (项目概况, 年度绩效目标) generated from phrase pools, for the `real` corpus.

Published descriptions run to 200–800 characters between them: an overview that cites the policy a project
carries out and lists what it pays for, and an annual goal that lists quantified outputs and ends, in most
tables, with the service users' satisfaction (服务对象满意度). The pools below are written for this generator
(patterns of those texts, not their sentences); a project's texts are drawn from them with the corpus's seeded
random generator, so a corpus is the same on every run. Texts hold no tab or line break: they sit in one cell.
"""

from __future__ import annotations

import random

SATISFIED_SHARE = 0.73  # projects whose goal names 满意度: about 73 in 100 in the real tables the issue measured

TOPICS = [
    "困难群众基本生活救助",
    "城乡居民医疗保险补助",
    "中小企业融资担保",
    "高新技术企业培育",
    "农村人居环境整治",
    "公共法律服务体系建设",
    "政务数据资源汇聚治理",
    "老旧小区综合改造",
    "河湖水环境综合治理",
    "职业技能提升培训",
    "公共文化惠民演出",
    "义务教育学校公用经费保障",
    "食品安全监督抽检",
    "农村公路养护",
    "养老服务设施运营",
    "12345政务服务便民热线运营",
    "城市运行监测平台运维",
    "科技创新券兑付",
    "退役军人优抚",
    "生态环境监测",
    "应急物资储备",
    "残疾人康复服务",
    "就业创业补贴发放",
    "信访事项办理",
    "审计业务外包服务",
]
POLICIES = [
    "关于全面实施预算绩效管理的意见",
    "国民经济和社会发展第十四个五年规划纲要",
    "关于加快推进数字政府建设的实施方案",
    "关于进一步优化营商环境的若干措施",
    "关于健全社会救助体系的实施意见",
    "关于推动高质量发展的若干政策",
    "专项资金管理办法",
    "关于加强基层公共服务能力建设的通知",
    "乡村振兴战略规划",
    "关于深化放管服改革的工作方案",
]
ISSUERS = ["政发", "政办发", "财预", "财行", "发改", "民发", "人社发", "科发", "建发", "环发"]
BACKGROUNDS = [
    "为贯彻落实上级决策部署，切实履行部门职能",
    "根据年度重点工作安排，结合本地区实际",
    "为解决群众和企业反映强烈的急难愁盼问题",
    "为补齐公共服务短板，提升基层治理水平",
    "为保障相关系统和设施安全稳定运行",
    "按照财政资金管理和预算绩效管理的要求",
]
ACTIONS = [
    "开展{topic}工作",
    "组织实施{topic}项目",
    "委托第三方专业机构提供{topic}服务",
    "做好{topic}的日常管理和监督检查",
    "推进{topic}标准化、规范化建设",
    "完善{topic}工作机制和管理制度",
]
CONTENTS = [
    "购买专业服务{n}项",
    "覆盖{n}个镇街",
    "惠及服务对象约{n}人次",
    "召开工作推进会和业务培训{n}场",
    "完成设备购置和系统升级改造",
    "开展督导检查{n}次",
    "编制年度工作报告和评估报告",
    "保障{n}个站点正常运转",
    "建立健全台账资料和档案管理",
    "加强资金使用的全过程监管",
]
EFFECTS = [
    "提升公共服务质量和效率",
    "进一步增强人民群众的获得感、幸福感、安全感",
    "促进经济社会高质量发展",
    "推动相关工作提质增效",
    "确保财政资金安全、规范、有效使用",
    "为决策提供坚实的数据支撑",
]
OUTPUTS = [
    "完成{topic}{n}项",
    "{topic}覆盖率达到{p}%以上",
    "资金发放准确率达到100%",
    "项目验收合格率不低于{p}%",
    "各项任务按时完成率100%",
    "培训人员{n}人次",
    "问题整改率达到{p}%",
    "系统正常运行率不低于{p}%",
    "服务响应及时率{p}%以上",
    "新增服务对象{n}户",
]
SATISFACTION = [
    "服务对象满意度达到{p}%以上",
    "服务对象满意度不低于{p}%",
    "群众满意度保持在{p}%以上",
    "企业满意度达到{p}%",
    "社会公众满意度明显提升",
]
CONTENTED = ["让群众更满意", "人民群众满意程度持续提高", "保持较高的社会认可度"]  # 满意 without 度, or neither


def _fill(rng: random.Random, pattern: str, topic: str) -> str:
    return pattern.format(
        topic=topic, n=rng.choice([3, 5, 8, 10, 12, 20, 30, 50, 100, 200, 500, 1200]), p=rng.choice([85, 90, 95, 98])
    )


def _clauses(rng: random.Random, pool: list[str], k: int, topic: str) -> list[str]:
    return [_fill(rng, pattern, topic) for pattern in rng.sample(pool, k)]


def overview(rng: random.Random, name: str, region: str, year: int) -> str:
    """项目概况: the policy cited, why, what the money pays for; about 120–550 characters."""
    topic = rng.choice(TOPICS)
    number = f"{rng.choice(ISSUERS)}〔{year - rng.randrange(1, 4)}〕{rng.randrange(1, 99)}号"
    policy = f"《{region}{rng.choice(POLICIES)}》（{number}）"
    parts = [
        f"根据{policy}文件精神，{rng.choice(BACKGROUNDS)}，设立{name}。",
        f"本项目主要用于{'、'.join(_clauses(rng, ACTIONS, rng.randint(2, 3), topic))}。",
        f"具体内容包括：{'；'.join(_clauses(rng, CONTENTS, rng.randint(2, 5), topic))}。",
    ]
    for _ in range(rng.randint(0, 5)):
        other = rng.choice(TOPICS)
        parts.append(f"同时，{_fill(rng, rng.choice(ACTIONS), other)}，{'，'.join(rng.sample(EFFECTS, 2))}。")
    return "".join(parts)


def goal(rng: random.Random, name: str, year: int) -> str:
    """年度绩效目标: numbered outputs and effects, most ending with a satisfaction target; 100–350 characters."""
    topic = rng.choice(TOPICS)
    items = [f"通过实施{year}年度{name}，{rng.choice(EFFECTS)}"]
    items += _clauses(rng, OUTPUTS, rng.randint(3, 7), topic)
    items.append(rng.choice(EFFECTS))
    if rng.random() < SATISFIED_SHARE:
        items.append(_fill(rng, rng.choice(SATISFACTION), topic))
    elif rng.random() < 0.5:
        items.append(rng.choice(CONTENTED))
    return "".join(f"{k}.{item}；" for k, item in enumerate(items, 1))[:-1] + "。"
