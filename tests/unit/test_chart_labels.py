"""The workspace's chart of reporting units tells them apart (rules.unit_chart_labels), without a site."""

from sanfenlei_app import rules

STREETS = ["猛追湾", "保和", "圣灯", "青龙", "龙潭", "万年场", "二仙桥", "双桥子", "双水碾", "府青路", "建设路",
	"白莲池", "跳蹬河", "驷马桥"]


def test_every_unit_of_a_district_gets_a_short_distinct_label():
	units = [(f"中共成华区{s}街道工作委员会", f"{s}街道党工委") for s in STREETS] + [
		("中共成华区教育系统委员会", "教育系统党委"), ("中共成华区卫生系统委员会", "卫生系统党委"),
		("中共成华区直属机关工作委员会", "区直机关工委")]
	labels = rules.unit_chart_labels(units)
	assert labels[:3] == ["猛追湾", "保和", "圣灯"] and labels[-3:] == ["教育系统", "卫生系统", "区直机关"]
	assert len(set(labels)) == len(labels) and all(2 <= len(x) <= 4 for x in labels), labels
	# without short names, from the full names; and any district's prefix
	assert rules.unit_chart_labels([("中共锦江区督院街街道工作委员会", None), ("中共某某县城关镇委员会", "")]) == \
		["督院街", "城关镇"]


def test_labels_that_would_clash_or_vanish_keep_the_short_or_full_name():
	clash = rules.unit_chart_labels([("中共甲区东街道工作委员会", "东街道党工委"), ("中共甲区东街道党委", None)])
	assert clash == ["东街道党工委", "中共甲区东街道党委"]
	assert rules.unit_chart_labels([("党委", None)]) == ["党委"]
	print("\nlabels:", rules.unit_chart_labels([(f"中共成华区{s}街道工作委员会", None) for s in STREETS]))
