"""The six default grading standards of 附件1, one per table.

The notice's own tables were images and are lost; only their notes survive.  These items
are written in the notice's terms, grouped under the six aspects of the March survey
(组织设置, 领导班子, 组织制度, 隶属关系, 经费场所, 作用发挥) plus the domain's own duties;
each standard's maximum points sum to 100 (checked by the tests).  Thresholds, star bands
and vetoes are the notice's.  They are installed once and then belong to the district,
which may edit them; units may derive adjusted versions.
"""

import frappe

from sanfenlei_app import rules

# (category, 评分要点, 分值, 扣分办法)
COMMON = {
	"org_setup": ("组织设置", "党组织按照党章规定设置，组织形式与党员人数、工作需要相适应，应建尽建", 8,
		"设置不规范扣3分；应建未建的下属党组织每个扣2分"),
	"leadership": ("领导班子", "领导班子按期换届、配备齐全，书记政治素质好、能力强、作风正，班子团结协作", 14,
		"未按期换届扣5分；班子成员缺额每人扣2分；班子不团结、群众反映强烈扣5分"),
	"institutions": ("组织制度", "认真落实“三会一课”、组织生活会、民主评议党员、党务公开等制度，记录完整", 16,
		"“三会一课”每缺一次扣1分；未开展民主评议党员扣4分；未落实党务公开扣3分；记录不全扣2分"),
	"affiliation": ("隶属关系", "党组织隶属关系清楚顺畅，党员组织关系管理规范，流动党员管理到位，按时足额交纳党费", 8,
		"隶属关系不清扣3分；组织关系接转不规范扣2分；党费未按时足额交纳扣3分"),
	"funding": ("经费场所", "工作经费、活动场所、党建阵地保障落实，标识规范，设施满足党员活动需要", 10,
		"无固定活动场所扣5分；工作经费未落实扣3分；阵地标识不规范扣2分"),
	"role_played": ("作用发挥", "围绕推动发展、服务群众、凝聚人心、促进和谐发挥作用，党员先锋模范作用明显，党员群众满意", 14,
		"作用发挥不明显扣5分；党员无承诺践诺扣3分；群众反映问题未及时解决每件扣2分"),
}

DOMAIN_DUTIES = {
	"Street Committee": [
		("职责任务", "统筹辖区基层党建，落实“三分类三升级”等区委部署，督促指导所属党组织晋位升级", 10, "部署不及时扣3分；所属党组织升级率未达目标扣5分"),
		("职责任务", "推进社区、非公企业、社会组织党建全覆盖，区域化党建工作机制健全", 10, "应覆盖未覆盖的每个组织扣1分，扣完为止"),
		("职责任务", "党建工作目标考核、党建专项述职、书记点评落实到位，信访稳定、民生服务等综合评价良好", 10, "未开展述职点评扣4分；综合评价较差扣6分"),
	],
	"Community": [
		("职责任务", "落实社区党组织领导核心作用，统筹居委会、社区服务站和各类组织，推进居民自治", 10, "领导核心作用发挥不充分扣4分；居民自治机制不健全扣3分"),
		("职责任务", "开展便民利民服务和党员志愿服务，关心困难群众，化解矛盾纠纷，维护社区稳定", 10, "志愿服务未常态化扣3分；矛盾纠纷化解不及时每件扣2分"),
		("职责任务", "推进区域化党建，与驻区单位共驻共建，远程教育站点正常运转", 10, "未开展共驻共建扣4分；站点不能正常运转扣3分"),
	],
	"Private Enterprise": [
		("职责任务", "引导企业依法经营、诚信经营，党组织在企业发展中发挥政治引领作用", 10, "企业发生违法经营问题扣5分；政治引领作用不明显扣3分"),
		("职责任务", "维护职工合法权益，协调劳动关系，建设先进企业文化", 10, "职工合法权益受损未及时协调扣5分；未开展企业文化建设扣3分"),
		("职责任务", "把骨干培养成党员、把党员培养成骨干，发展党员工作规范", 10, "当年无入党积极分子扣4分；发展党员程序不规范扣4分"),
	],
	"Social Organization": [
		("职责任务", "保证社会组织正确政治方向，依照法律和章程开展活动", 10, "活动偏离宗旨扣5分；未依章程运行扣3分"),
		("职责任务", "团结凝聚社会组织从业人员，服务社会、服务群众，社会公信力好", 10, "服务对象投诉查实每件扣2分；公信力评价较差扣4分"),
		("职责任务", "推动社会组织健康发展，党组织参与重大事项决策机制健全", 10, "未建立参与决策机制扣5分"),
	],
	"Public Institution": [
		("职责任务", "围绕中心、服务大局，保证监督本单位业务工作完成，服务群众、服务基层效能好", 10, "本单位年度目标未完成扣5分；服务群众效能评价差扣3分"),
		("职责任务", "加强机关作风建设和党风廉政建设，落实“一岗双责”", 10, "发生违纪违法问题每件扣3分；作风问题被通报扣4分"),
		("职责任务", "开展创先争优和党员公开承诺践诺，党员群众满意", 10, "未开展公开承诺扣4分；满意度测评较低扣4分"),
	],
}

# Remote education sites have their own table (站点建设、管理、使用、效果).
SITE_ITEMS = [
	("组织设置", "站点设置合理，有专人管理，管理员职责明确、培训合格", 12, "无专人管理扣6分；管理员未经培训扣3分"),
	("领导班子", "所在党组织重视站点建设，有分管领导，定期研究站点工作", 10, "无分管领导扣4分；全年未研究站点工作扣3分"),
	("组织制度", "学用制度、设备管理制度、学习登记制度健全并上墙", 14, "每缺一项制度扣3分；制度未上墙扣2分"),
	("隶属关系", "站点归属明确，纳入街道远程教育网络统一管理，信息报送及时", 8, "信息报送不及时每次扣1分"),
	("经费场所", "播放场所、设备齐全完好，运行维护经费落实", 16, "设备损坏未及时维修扣4分；无固定场所扣6分；经费未落实扣3分"),
	("作用发挥", "按计划组织党员群众收看学习，每月不少于2次，学用结合效果明显", 25, "每少组织一次扣2分；无学用结合典型扣4分"),
	("职责任务", "利用站点开展便民服务、技能培训和政策宣传，党员群众满意", 15, "未开展便民服务扣5分；未开展技能培训扣4分"),
]

TITLES = {
	"Street Committee": "街道党工委分类定级具体标准",
	"Community": "社区党组织分类定级具体标准",
	"Private Enterprise": "非公有制企业党组织分类定级指导标准",
	"Social Organization": "社会组织党组织分类定级指导标准",
	"Remote Education Site": "远程教育站点分类定级指导标准",
	"Public Institution": "机关事业单位党组织分类定级指导标准",
}


def items_for(domain):
	if domain == "Remote Education Site":
		return list(SITE_ITEMS)
	return [COMMON[k] for k, _q in rules.SURVEY_ASPECTS] + DOMAIN_DUTIES[domain]


def default_standard(domain):
	bands = dict((stars, minimum) for minimum, stars in rules.DEFAULT_STAR_BANDS)
	return {
		"doctype": "Assessment Standard",
		"standard_name": TITLES[domain],
		"domain": domain,
		"version": 1,
		"gets_stars": 0 if domain in rules.NO_STAR_DOMAINS else 1,
		"advanced_threshold": rules.DEFAULT_THRESHOLDS["advanced"],
		"ordinary_threshold": rules.DEFAULT_THRESHOLDS["ordinary"],
		"five_star_min": bands[5],
		"four_star_min": bands[4],
		"three_star_min": bands[3],
		"two_star_min": bands[2],
		"one_star_min": bands[1],
		"approval_status": "Approved",
		"items": [
			{"category": c, "content": t, "max_points": p, "deduction_method": m} for c, t, p, m in items_for(domain)
		],
		"vetoes": [
			{"code": code, "description": text, "kind": kind, "threshold": threshold}
			for code, text, kind, threshold in rules.DEFAULT_VETOES[domain]
		],
	}


def install_default_standards():
	"""Insert the six standards where missing; never overwrite the district's edits."""
	for domain in TITLES:
		if not frappe.db.exists("Assessment Standard", TITLES[domain]):
			frappe.get_doc(default_standard(domain)).insert(ignore_permissions=True)
