//! The words of plan-indicators.md §2 that both readers (tables and prose)
//! go by: a plan period's years, units, the kind a name states and the
//! direction a target takes. One place, its cases beside it.

use crate::model::plan::{Direction, PlanKind};
use crate::target::Op;
use rust_decimal::Decimal;

/// The last year of a five-year plan named in `text` (十四五 → 2025), and the
/// year before its first (its base: 2020).
pub fn period_years(text: &str) -> Option<(i32, i32)> {
    const PERIODS: [(&str, i32); 5] = [("十二五", 2015), ("十三五", 2020), ("十四五", 2025), ("十五五", 2030), ("十六五", 2035)];
    PERIODS.iter().find(|(w, _)| text.contains(w)).map(|(_, end)| (end - 5, *end))
}

/// Units a value carries in plans, longest first: the reader takes the
/// longest that follows a number (after a 万/亿 magnitude).
const UNITS: &[&str] = &[
    "个百分点", "百分点", "微克/立方米", "毫克/升", "万标准箱", "标准箱", "平方公里", "万平方米", "平方米", "立方米", "万千瓦时", "千瓦时", "万千瓦", "千瓦", "人年", "人次",
    "公里", "千米", "公顷", "万亩", "亩", "万吨", "吨", "亿元", "万元", "元", "亿美元", "美元", "万人", "人", "个", "家", "件", "项", "所", "座", "处", "条", "张",
    "部", "台", "套", "辆", "艘", "架", "户", "床", "名", "位", "岁", "年", "天", "小时", "分钟", "场次", "次", "场", "届", "篇", "种", "批", "支", "只", "株", "棵",
    "GW", "MW", "kW", "TEU", "km", "%", "‰", "倍",
];

/// The unit at the start of `s` (with its magnitude: `万家`, `亿元`), and its length in bytes.
pub fn unit_at(s: &str) -> Option<(&str, usize)> {
    let mag = ["万亿", "亿", "万", "千", "百"].iter().find(|m| s.starts_with(**m)).map_or(0, |m| m.len());
    let rest = &s[mag..];
    UNITS.iter().find(|u| rest.starts_with(**u)).map(|u| (&s[..mag + u.len()], mag + u.len())).or_else(|| {
        // a bare magnitude is a unit of its own (`1.2万`)
        (mag > 0).then(|| (&s[..mag], mag))
    })
}

/// Words that make a name a count of things created during the plan.
const CUMULATIVE_WORDS: [&str; 8] = ["新增", "新培育", "新建", "累计", "新引进", "新认定", "新创建", "新获批"];

/// A share or a rate is a level, whatever it counts (`绿色建筑占新建建筑比例`).
pub fn is_share(name: &str) -> bool {
    ["比例", "比重", "占比"].iter().any(|w| name.contains(w)) || name.ends_with('率')
}

/// A 年均 count: 年均承办…数量 (a 年均浓度 is a level).
const AVERAGE_WORDS: [&str; 14] = ["承办", "举办", "开展", "新增", "引进", "培育", "建设", "实施", "完成", "接待", "组织", "数量", "次数", "场次"];

/// Verbs that lead a prose target of things created during the plan
/// (`培育…企业12家`, `建成3个…集群`): not part of the name.
pub const CREATING_VERBS: [&str; 12] = ["新培育", "培育", "建成", "建设", "打造", "引进", "推动", "创建", "认定", "引育", "招引", "布局"];

/// The kind a name (and its unit) states (§2, "Kind"). `rank`: the target is
/// written as a rank (`前5位`); `bracketed`: a table's `〔18〕`, a total over
/// the plan's years.
pub fn kind_of(name: &str, unit: &str, rank: bool, bracketed: bool, creating_verb: bool) -> PlanKind {
    let n = name;
    if rank || ["排名", "位次", "排位"].iter().any(|w| n.contains(w)) {
        PlanKind::Rank
    } else if ["年均增长", "年均增速", "年均增幅", "年均递增"].iter().any(|w| n.contains(w)) && matches!(unit, "%" | "") {
        PlanKind::Growth
    } else if n.contains("年均") && unit != "%" && AVERAGE_WORDS.iter().any(|w| n.contains(w)) {
        PlanKind::Average
    } else if n.contains("每年") {
        PlanKind::Annual
    } else if bracketed || creating_verb || (!is_share(n) && (n.contains("累计") || CUMULATIVE_WORDS.iter().any(|w| n.starts_with(w)))) {
        PlanKind::Cumulative
    } else {
        PlanKind::Level
    }
}

/// The direction of §2: up for `≥` `>`, down for `≤` `<` and ranks; `≈` and
/// a range are down when the target is below the baseline, else up.
pub fn direction_of(op: Option<Op>, kind: PlanKind, baseline: Option<Decimal>, target: Option<Decimal>) -> Direction {
    match (kind, op) {
        (PlanKind::Rank, _) | (_, Some(Op::Le | Op::Lt)) => Direction::Down,
        (_, Some(Op::Approx | Op::Range)) if matches!((baseline, target), (Some(b), Some(t)) if t < b) => Direction::Down,
        _ => Direction::Up,
    }
}

/// Words of a qualitative target (no number) that a person judges.
pub fn is_qualitative_wording(s: &str) -> bool {
    let t = crate::text::normalize(s);
    !t.is_empty() && !crate::text::has_digit(&t) && t.chars().all(|c| crate::text::is_cjk(c) || "、“”\"（）()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_units_kinds_directions() {
        assert_eq!(period_years("到“十四五”末"), Some((2020, 2025)));
        assert_eq!(period_years("十五五时期"), Some((2025, 2030)));
        assert_eq!(unit_at("万家以上"), Some(("万家", 6)));
        assert_eq!(unit_at("亿元的"), Some(("亿元", 6)));
        assert_eq!(unit_at("个千亿级"), Some(("个", 3)));
        assert_eq!(unit_at("%左右"), Some(("%", 1)));
        assert_eq!(unit_at("G基站"), None);
        assert_eq!(kind_of("研发经费投入年均增长", "%", false, false, false), PlanKind::Growth);
        assert_eq!(kind_of("年均承办国际国内赛事数量", "项", false, false, false), PlanKind::Average);
        assert_eq!(kind_of("PM2.5年均浓度", "微克/立方米", false, false, false), PlanKind::Level);
        assert_eq!(kind_of("每年新增城镇就业", "万人", false, false, false), PlanKind::Annual);
        assert_eq!(kind_of("新增城镇就业", "万人", false, false, false), PlanKind::Cumulative);
        assert_eq!(kind_of("绿色建筑占新建建筑比例", "%", false, false, false), PlanKind::Level);
        assert_eq!(kind_of("数字经济龙头企业", "家", false, false, true), PlanKind::Cumulative);
        assert_eq!(kind_of("全国排名", "位", false, false, false), PlanKind::Rank);
        assert_eq!(kind_of("高新技术企业数量", "家", false, false, false), PlanKind::Level);
        let d = |s: &str| Some(Decimal::from_str_exact(s).unwrap());
        assert_eq!(direction_of(Some(Op::Range), PlanKind::Level, d("8"), d("5")), Direction::Down);
        assert_eq!(direction_of(Some(Op::Approx), PlanKind::Level, None, d("5")), Direction::Up);
        assert_eq!(direction_of(Some(Op::Le), PlanKind::Level, None, d("5")), Direction::Down);
        assert_eq!(direction_of(Some(Op::Ge), PlanKind::Rank, None, d("5")), Direction::Down);
        assert!(is_qualitative_wording("全国前列") && !is_qualitative_wording("前5位"));
    }
}
