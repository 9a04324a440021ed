/* bd-sample-corpus.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bd-sample"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bd-extract.h"
#include "bd-level.h"
#include "bd-sample-corpus.h"
#include "bd-sample-document.h"
#include "bd-tokenizer.h"

/* Half a year of a county publicity office's media coverage (PDF and HTML files in monthly
 * folders) and truth.json: what each report is and which reports each of a set of queries must
 * find. The truth is worked out from the text as written here, by substring matching after
 * folding, never by asking the archive. */

/* The office's real half-year: 20 national, 953 provincial and 550 municipal reports. */
#define DEFAULT_NATIONAL   20
#define DEFAULT_PROVINCIAL 953

/* Drawing PDFs takes most of the time: larger corpora, meant for timing searches, are plain
 * web pages only. */
#define MAX_FULL_REPORTS   5000

/* How much of the text on either side of a join can take part in a match across it: more
 * than the longest query. */
#define SEAM_CHARS         16

#define N_DAYS             184  /* 2023-07-01 … 2023-12-31 */

typedef struct
{
  const char *name;         /* canonical, as in data/outlets.ini */
  BdLevel     level;
  guint       weight;       /* how often it covers the county, within its level */
  gboolean    paper;        /* prints an e-paper */
  const char *written[4];   /* how bylines name it, NULL-terminated */
  const char *host;         /* its web site, or NULL */
} Outlet;

#define NAT BD_LEVEL_NATIONAL
#define PRO BD_LEVEL_PROVINCIAL
#define MUN BD_LEVEL_MUNICIPAL
static const Outlet outlets[] = {
  { "人民日报", NAT, 4, TRUE, { "人民网", "人民日报", "人民日报客户端" }, "hb.people.com.cn" },
  { "新华社", NAT, 3, FALSE, { "新华网", "新华社客户端" }, "www.news.cn" },
  { "中央广播电视总台", NAT, 2, FALSE, { "央视网", "央广网", "中国之声" }, "news.cctv.com" },
  { "光明日报", NAT, 2, TRUE, { "光明网", "光明日报" }, "difang.gmw.cn" },
  { "经济日报", NAT, 1, TRUE, { "中国经济网", "经济日报" }, "www.ce.cn" },
  { "中国新闻社", NAT, 2, FALSE, { "中国新闻网", "中新网" }, "www.chinanews.com.cn" },
  { "农民日报", NAT, 2, TRUE, { "农民日报", "中国农网" }, "www.farmer.com.cn" },
  { "中国青年报", NAT, 1, TRUE, { "中国青年报", "中青在线" }, "zqb.cyol.com" },
  { "中国环境报", NAT, 1, TRUE, { "中国环境报", "中国环境网" }, "www.cenews.com.cn" },
  { "学习强国", NAT, 2, FALSE, { "学习强国", "学习强国学习平台" }, "www.xuexi.cn" },
  { "中国文明网", NAT, 1, FALSE, { "中国文明网" }, "www.wenming.cn" },
  { "湖北日报", PRO, 30, TRUE, { "湖北日报", "湖北日报客户端", "湖北日报网" }, "news.hubeidaily.net" },
  { "荆楚网", PRO, 20, FALSE, { "荆楚网" }, "news.cnhubei.com" },
  { "长江云", PRO, 15, FALSE, { "长江云", "长江云客户端" }, "news.cjyun.org" },
  { "楚天都市报", PRO, 8, TRUE, { "极目新闻", "楚天都市报", "极目新闻客户端" }, "www.ctdsb.net" },
  { "湖北广播电视台", PRO, 8, FALSE, { "湖北广播电视台", "湖北之声", "湖北卫视" }, "news.hbtv.com.cn" },
  { "湖北省人民政府网", PRO, 8, FALSE, { "湖北省人民政府网", "湖北省政府网" }, "www.hubei.gov.cn" },
  { "农村新报", PRO, 5, TRUE, { "农村新报" }, NULL },
  { "楚天金报", PRO, 3, TRUE, { "楚天金报" }, NULL },
  { "湖北法治报", PRO, 3, TRUE, { "湖北法治报" }, NULL },
  { "十堰日报", MUN, 35, TRUE, { "十堰日报", "十堰日报数字报" }, "syrb.10yan.com" },
  { "秦楚网", MUN, 20, FALSE, { "秦楚网" }, "www.10yan.com" },
  { "十堰晚报", MUN, 15, TRUE, { "十堰晚报" }, "sywb.10yan.com" },
  { "十堰广播电视台", MUN, 10, FALSE, { "十堰广播电视台", "十堰电视台" }, NULL },
  { "云上十堰", MUN, 8, FALSE, { "云上十堰" }, NULL },
  { "十堰发布", MUN, 7, FALSE, { "十堰发布" }, NULL },
  { "十堰市人民政府网", MUN, 5, FALSE, { "十堰市人民政府网", "十堰市政府网" }, "www.shiyan.gov.cn" },
};
#undef NAT
#undef PRO
#undef MUN

/* Word lists for the slots of the templates below: {T} a town, {V} a village, {R} a product,
 * {J} a project, {S} a scenic spot, {E} people, {Q} a time span, {N} {M} numbers, {P} a
 * percentage, {Y} {W} money. */
static const char *const towns[] = {
  "城关镇", "水坪镇", "县河镇", "蒋家堰镇", "中峰镇", "汇湾镇", "丰溪镇", "泉溪镇", "龙坝镇",
  "兵营镇", "新洲镇", "鄂坪乡", "桃源乡", "向坝乡", "天宝乡",
};
static const char *const village_stems[] = {
  "甘家", "金竹", "茶园", "龙泉", "柳林", "太平", "双桥", "白沙", "青山", "松树", "桂花", "梨花",
  "黄龙", "丰收", "长岭", "石门", "关垭", "花桥",
};
static const char *const products[] = {
  "贡茶", "白茶", "红茶", "香菇", "木耳", "魔芋", "中药材", "蚕桑", "核桃", "黄酒", "土蜂蜜",
};
static const char *const projects[] = {
  "城区污水处理厂扩建工程", "茶叶精深加工产业园", "县人民医院新院区", "农村公路提档升级工程",
  "分布式光伏发电项目", "农产品冷链物流中心", "全域旅游集散中心", "竹溪河生态修复工程",
  "智慧城市综合管理平台", "职业技术学校实训楼",
};
static const char *const spots[] = {
  "十八里长峡", "偏头山", "龙湖", "桃花岛", "甘家岭", "梅子垭", "竹山古道", "万江河",
};
static const char *const people[] = {
  "党员干部", "驻村工作队", "网格员", "志愿者", "乡村医生", "致富带头人", "返乡创业青年",
  "非遗传承人",
};
static const char *const spans[] = {
  "今年以来", "前三季度", "下半年以来", "截至目前", "近年来", "入秋以来",
};

typedef struct
{
  const char *const *titles;
  const char *const *sentences;
} Topic;

#define LIST(...) (const char *const[]) { __VA_ARGS__, NULL }
static const Topic topics[] = {
  { /* 项目建设 */
    LIST ("竹溪县{N}个重点项目集中开工 总投资{Y}", "竹溪{J}建设跑出加速度 完成投资{W}",
          "竹溪：{M}名建设者奋战{J}一线", "竹溪县招商引资签约{N}个项目 金额{Y}"),
    LIST ("{Q}，全县{N}个重点项目完成投资{Y}，同比增长{P}。",
          "{J}已完成主体工程的{P}，预计年底前投入使用。",
          "全年完成固定资产投资54.49亿元，为稳增长提供了有力支撑。",
          "县里实行“一个项目、一名领导、一个专班”的推进机制，帮助企业解决难题{N}个。",
          "项目建成后可新增就业岗位{M}个，年产值预计达到{W}。",
          "招商引资坚持“引进来”与“走出去”相结合，新签约项目{N}个。",
          "县里计划到2025年建成高标准茶园10万亩，打造百亿级茶产业链。",
          "前三季度全县GDP增长{P}，增速居全市前列。"),
  },
  { /* 茶产业 */
    LIST ("竹溪{T}{M}亩茶园迎来采摘季", "竹溪贡茶香飘万里 茶叶综合产值突破{Y}",
          "竹溪县茶产业带动{M}户茶农增收", "竹溪{V}：一片茶叶富了一方百姓（{N}）"),
    LIST ("{T}{V}的茶园里，采茶工人正忙着采摘，今年春茶均价每斤{N}元。",
          "全县茶园面积发展到{M}亩，茶叶综合产值达{Y}，同比增长{P}。",
          "竹溪贡茶历史悠久，清代曾作为贡品进献朝廷。",
          "县里推动茶旅融合发展，建成观光茶园{N}个，年接待游客{M}人次。",
          "{R}与茶叶一起走进直播间，线上销售额达到{W}。",
          "茶叶加工企业引进自动化生产线{N}条，加工能力提高{P}。",
          "中国农业发展银行竹溪支行为茶企发放贷款{W}。"),
  },
  { /* 乡村振兴 */
    LIST ("竹溪{T}：{R}产业兴旺 {M}户群众增收", "竹溪{T}{M}户农户搬进新居",
          "竹溪{V}美丽乡村建设见闻（{N}）", "竹溪县巩固脱贫成果 {M}名群众稳定增收"),
    LIST ("{T}因地制宜发展{R}产业，带动{M}户群众增收。",
          "全面推进乡村振兴，全县{N}个村集体经济收入超过{W}。",
          "{V}通过“村集体+合作社+农户”模式，人均可支配收入增长{P}。",
          "县里构建“1+N”帮扶体系，{E}结对帮扶{M}户。",
          "美丽乡村建设让{V}旧貌换新颜，人居环境整治覆盖{P}的农户。",
          "农村人居环境整治三年行动完成{M}户改厕。",
          "{E}扎根基层，帮助群众解决急难愁盼问题{N}件。"),
  },
  { /* 基层党建 */
    LIST ("竹溪{T}以基层党建引领基层治理（{N}）", "竹溪{T}：{M}名党员亮身份作表率",
          "竹溪“红色网格”织密服务网络 覆盖{M}户", "竹溪县{N}个村党组织书记擂台比武"),
    LIST ("{T}把党支部建在产业链上，{N}个党支部领办合作社。",
          "全县推行“党建+网格”治理模式，划分网格{M}个。",
          "基层党建工作与乡村振兴深度融合，{E}带头发展{R}产业。",
          "县委组织部开展“擂台比武”，{N}名村党组织书记同台竞技。",
          "{Q}，全县发展党员{M}名，整顿软弱涣散村党组织{N}个。"),
  },
  { /* 基层治理 */
    LIST ("竹溪{T}“小事不出村”化解矛盾{M}起", "竹溪{T}网格化治理见实效（{N}）",
          "竹溪县“爱竹溪”App上线 办事不用跑{M}次", "竹溪：数字赋能基层治理 {N}项服务掌上办"),
    LIST ("县里推行“村民说事”制度，{Q}化解矛盾纠纷{M}起，调解成功率{P}。",
          "群众通过“爱竹溪”App即可办理{N}项政务服务事项。",
          "全县新建5G基站{N}个，行政村网络覆盖率达到{P}。",
          "{T}综治中心整合{N}支力量，实行一站式接待。",
          "{E}每天走村入户，收集群众诉求{M}条。"),
  },
  { /* 文化旅游 */
    LIST ("竹溪{S}迎来旅游旺季 单日接待游客{M}人次", "竹溪县全域旅游接待游客{M}万人次",
          "竹溪{S}：山水画廊引客来（{N}）", "竹溪县文化旅游节开幕 {N}项活动精彩纷呈"),
    LIST ("{S}景区推出{N}条精品旅游线路，国庆假期接待游客{M}人次。",
          "{Q}，全县接待游客{M}万人次，实现旅游综合收入{Y}。",
          "竹溪全域旅游以“山水竹溪”为品牌，串联{N}个景区。",
          "{S}的非遗展演吸引了不少游客驻足，{E}现场展示传统技艺。",
          "县里组织{N}名学生走进科技馆，近距离了解C919国产大飞机。"),
  },
  { /* 生态环保 */
    LIST ("竹溪县森林覆盖率稳定在{P}", "竹溪{T}：守护一江清水（{N}）",
          "竹溪{T}完成植树造林{M}亩", "竹溪{S}生态保护修复见成效 复绿{M}平方米"),
    LIST ("竹溪坚持绿水青山就是金山银山，全县森林覆盖率达到{P}。",
          "{T}持续开展河道清理，清理河道{N}公里，出境断面水质稳定达标。",
          "全县完成植树造林{M}亩，创建绿色村庄{N}个。",
          "生态保护红线内的{N}处违建全部拆除，复绿面积{M}平方米。",
          "县里把生态保护作为南水北调水源区的政治责任，{E}参与巡河护林。"),
  },
  { /* 能力作风建设 */
    LIST ("竹溪县深入推进能力作风建设（{N}）", "竹溪{T}：能力作风建设为群众办实事{M}件",
          "竹溪县能力作风建设年活动解决问题{M}个", "竹溪：以能力作风建设推动高质量发展（{N}）"),
    LIST ("县里深入开展能力作风建设，{Q}累计解决群众反映的问题{M}个。",
          "能力作风建设坚持问题导向，{N}个部门作出服务承诺。",
          "全县{E}在能力作风建设中主动作为，办理民生实事{N}件。",
          "县直单位开展“走基层、解难题”活动，收集意见建议{M}条。",
          "作风建设永远在路上，县纪委监委开展明察暗访{N}次。"),
  },
};

/* Opening sentences: every report names the county at least once. */
static const char *const leads[] = {
  "近日，竹溪县{T}组织{E}开展主题活动，现场气氛热烈。",
  "{Q}，竹溪县坚持以高质量发展为主线，各项工作取得新进展。",
  "走进竹溪县{T}{V}，新修的水泥路通到了家门口。",
  "竹溪县地处鄂西北，是南水北调中线工程重要水源区。",
  "连日来，竹溪县{E}深入一线，推动各项政策落地见效。",
};

/* A few characters that reports written in traditional script use, with their simplified
 * forms. */
static const char *const traditional[][2] = {
  { "县", "縣" }, { "网", "網" }, { "络", "絡" }, { "乡", "鄉" }, { "兴", "興" }, { "党", "黨" },
  { "产", "產" }, { "业", "業" }, { "经", "經" }, { "济", "濟" }, { "区", "區" },
};

typedef struct
{
  const char *category;
  const char *text;        /* as typed in the search field */
  const char *terms[3];    /* the phrases it asks for: every one must be in a report */
  guint       levels;      /* allowed levels as 1 << BdLevel, 0 for any */
  const char *first_day;
  const char *last_day;
} QuerySpec;

#define LV(l) (1u << BD_LEVEL_ ## l)
static const QuerySpec queries[] = {
  { "1-char", "茶", { "茶" } },
  { "1-char", "党", { "党" } },
  { "1-char", "桥", { "桥" } },
  { "1-char", "菇", { "菇" } },
  { "1-char", "峡", { "峡" } },
  { "1-char", "的", { "的" } },
  { "1-char", "蜂", { "蜂" } },
  { "1-char", "竹", { "竹" } },
  { "2-char", "竹溪", { "竹溪" } },
  { "2-char", "茶叶", { "茶叶" } },
  { "2-char", "党建", { "党建" } },
  { "2-char", "旅游", { "旅游" } },
  { "2-char", "生态", { "生态" } },
  { "2-char", "农业", { "农业" } },
  { "2-char", "业发", { "业发" } },
  { "2-char", "溪竹", { "溪竹" } },
  { "2-char", "茶叶 旅游", { "茶叶", "旅游" } },
  { "2-char", "网格", { "网格" } },
  { "4-char", "乡村振兴", { "乡村振兴" } },
  { "4-char", "基层党建", { "基层党建" } },
  { "4-char", "能力作风", { "能力作风" } },
  { "4-char", "作风能力", { "作风能力" } },
  { "4-char", "招商引资", { "招商引资" } },
  { "4-char", "全域旅游", { "全域旅游" } },
  { "4-char", "茶旅融合", { "茶旅融合" } },
  { "4-char", "党建 乡村振兴", { "党建", "乡村振兴" } },
  { "phrase", "能力作风建设", { "能力作风建设" } },
  { "phrase", "\"茶旅融合发展\"", { "茶旅融合发展" } },
  { "phrase", "“绿水青山就是金山银山”", { "绿水青山就是金山银山" } },
  { "phrase", "中国农业发展银行", { "中国农业发展银行" } },
  { "phrase", "十八里长峡", { "十八里长峡" } },
  { "phrase", "竹溪贡茶", { "竹溪贡茶" } },
  { "phrase", "「美丽乡村建设」", { "美丽乡村建设" } },
  { "phrase", "南水北调中线工程", { "南水北调中线工程" } },
  { "mixed", "GDP", { "GDP" } },
  { "mixed", "gdp增长", { "gdp增长" } },
  { "mixed", "5G基站", { "5G基站" } },
  { "mixed", "C919", { "C919" } },
  { "mixed", "App", { "App" } },
  { "mixed", "8.2%", { "8.2%" } },
  { "mixed", "8.2", { "8.2" } },
  { "mixed", "54.49亿元", { "54.49亿元" } },
  { "mixed", "1+N", { "1+N" } },
  { "mixed", "2025年", { "2025年" } },
  { "mixed", "10万亩", { "10万亩" } },
  { "mixed", "5G", { "5G" } },
  { "traditional", "縣", { "縣" } },
  { "traditional", "竹溪縣", { "竹溪縣" } },
  { "traditional", "網絡", { "網絡" } },
  { "traditional", "鄉村振興", { "鄉村振興" } },
  { "traditional", "黨建", { "黨建" } },
  { "fullwidth", "ＧＤＰ", { "ＧＤＰ" } },
  { "fullwidth", "５Ｇ基站", { "５Ｇ基站" } },
  { "fullwidth", "２０２５年", { "２０２５年" } },
  { "fullwidth", "８．２％", { "８．２％" } },
  { "filtered", "茶 level:national", { "茶" }, LV (NATIONAL) },
  { "filtered", "党建 level:municipal", { "党建" }, LV (MUNICIPAL) },
  { "filtered", "乡村振兴 date:2023-08", { "乡村振兴" }, 0, "2023-08-01", "2023-08-31" },
  { "filtered", "旅游 date:2023Q4 level:provincial", { "旅游" }, LV (PROVINCIAL),
    "2023-10-01", "2023-12-31" },
  { "filtered", "竹溪 -level:provincial", { "竹溪" }, LV (NATIONAL) | LV (MUNICIPAL) },
  { "filtered", "能力作风 级别：市级 日期：2023-10..2023-11", { "能力作风" }, LV (MUNICIPAL),
    "2023-10-01", "2023-11-30" },
  { "filtered", "项目 date:2023-07-01..2023-07-15", { "项目" }, 0, "2023-07-01", "2023-07-15" },
  { "filtered", "GDP level:national", { "GDP" }, LV (NATIONAL) },
  { "filtered", "2023Q3 茶叶", { "茶叶" }, 0, "2023-07-01", "2023-09-30" },
};
#undef LV

typedef struct
{
  char         *file;        /* relative to the output folder */
  char         *title;
  const Outlet *outlet;
  char          date[11];
  const char   *media_type;
} Report;

typedef struct
{
  GRand      *rand;
  const char *outdir;
  guint       n_reports;
  gboolean    full;           /* PDFs and decorated pages, not only plain pages */
  GHashTable *titles;
  GPtrArray  *reports;
  char      **folded_terms;   /* per query and term: folded, spaces dropped */
  GArray    **matches;        /* per query: indices of the matching reports */
  guint      *ambiguous;      /* per query: reports where a byline or a join could match */
} Corpus;

static const char *
pick (Corpus            *corpus,
      const char *const *list,
      guint              n)
{
  return list[g_rand_int_range (corpus->rand, 0, n)];
}

#define PICK(corpus, array) pick ((corpus), (array), G_N_ELEMENTS (array))

/* One of a NULL-terminated list. */
static const char *
pick_from (Corpus            *corpus,
           const char *const *list)
{
  return pick (corpus, list, g_strv_length ((char **) list));
}

static gboolean
chance (Corpus *corpus,
        double  probability)
{
  return g_rand_double (corpus->rand) < probability;
}

/* Fills a template's slots from the word lists. */
static void
expand (Corpus     *corpus,
        GString    *out,
        const char *template)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      GRand *r = corpus->rand;

      if (p[0] != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (p[1])
        {
        case 'T': g_string_append (out, PICK (corpus, towns)); break;
        case 'V': g_string_append_printf (out, "%s村", PICK (corpus, village_stems)); break;
        case 'R': g_string_append (out, PICK (corpus, products)); break;
        case 'J': g_string_append (out, PICK (corpus, projects)); break;
        case 'S': g_string_append (out, PICK (corpus, spots)); break;
        case 'E': g_string_append (out, PICK (corpus, people)); break;
        case 'Q': g_string_append (out, PICK (corpus, spans)); break;
        case 'N': g_string_append_printf (out, "%d", g_rand_int_range (r, 2, 60)); break;
        case 'M': g_string_append_printf (out, "%d", g_rand_int_range (r, 100, 10000)); break;
        case 'P':
          g_string_append_printf (out, "%d.%d%%", g_rand_int_range (r, 1, 30),
                                  g_rand_int_range (r, 0, 10));
          break;
        case 'Y':
          g_string_append_printf (out, "%d.%02d亿元", g_rand_int_range (r, 1, 80),
                                  g_rand_int_range (r, 0, 100));
          break;
        case 'W':
          if (chance (corpus, 0.2))
            g_string_append_printf (out, "%d,%03d万元", g_rand_int_range (r, 1, 10),
                                    g_rand_int_range (r, 0, 1000));
          else
            g_string_append_printf (out, "%d万元", g_rand_int_range (r, 20, 1000));
          break;
        default:
          g_assert_not_reached ();
        }
      p += 2;
    }
}

static char *
make_title (Corpus      *corpus,
            const Topic *topic)
{
  for (guint attempt = 1;; attempt++)
    {
      GString *title = g_string_new (NULL);
      const char *template = pick_from (corpus, topic->titles);

      expand (corpus, title, template);
      /* a series, when the templates run out of new titles */
      if (attempt > 20)
        g_string_append_printf (title, "（之%u）", attempt);
      if (g_hash_table_add (corpus->titles, g_strdup (title->str)))
        return g_string_free (title, FALSE);
      g_string_free (title, TRUE);
    }
}

static char *
make_paragraph (Corpus      *corpus,
                const Topic *topic,
                gboolean     lead)
{
  GString *paragraph = g_string_new (NULL);
  guint n_sentences = g_rand_int_range (corpus->rand, 2, 5);

  if (lead)
    expand (corpus, paragraph, PICK (corpus, leads));

  for (guint i = 0; i < n_sentences; i++)
    {
      /* now and then a sentence from another topic, as reports touch on several */
      const Topic *from = chance (corpus, 0.15) ? &topics[g_rand_int_range (corpus->rand, 0,
                                                                            G_N_ELEMENTS (topics))]
                                                : topic;

      expand (corpus, paragraph, pick_from (corpus, from->sentences));
    }

  return g_string_free (paragraph, FALSE);
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static char *
to_traditional (const char *text)
{
  char *result = g_strdup (text);

  for (guint i = 0; i < G_N_ELEMENTS (traditional); i++)
    {
      char *next = replace_all (result, traditional[i][0], traditional[i][1]);

      g_free (result);
      result = next;
    }

  return result;
}

/* ASCII letters, digits, . and % in their full-width forms, as some offices type them. */
static char *
to_full_width (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && (g_ascii_isalnum (c) || c == '.' || c == '%'))
        c += 0xFEE0;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Folded as the search folds, without white space, which search ignores too. */
static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = bd_fold_text (text, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
}

/* Whether the character at @beyond, just before (@step -1) or after (@step 1) a match, carries
 * on the number or word that the match's @edge character belongs to. */
static gboolean
continues_run (char        edge,
               const char *beyond,
               const char *limit,
               int         step)
{
  char c;

  if (beyond < limit && step < 0)
    return FALSE;
  if (beyond >= limit && step > 0)
    return FALSE;

  c = *beyond;
  if (g_ascii_isdigit (edge))
    {
      if (g_ascii_isdigit (c))
        return TRUE;
      /* 8.2 is not inside 18.2 or 8.25; 2023 not inside 1,2023 */
      return (c == '.' || c == ',') &&
             ((step > 0 && beyond + 1 < limit && g_ascii_isdigit (beyond[1])) ||
              (step < 0 && beyond > limit && g_ascii_isdigit (beyond[-1])));
    }

  return g_ascii_isalpha (edge) && g_ascii_isalpha (c);
}

/* A phrase matches where it occurs as a run of whole tokens: Chinese characters match anywhere,
 * numbers and Latin words only as a whole (2022 is not in 20221). */
static gboolean
contains (const GString *haystack,
          const char    *needle)
{
  gsize len = strlen (needle);
  const char *start = haystack->str;
  const char *end = haystack->str + haystack->len;

  for (const char *p = strstr (start, needle); p != NULL; p = strstr (p + 1, needle))
    {
      if (!continues_run (needle[0], p - 1, start, -1) &&
          !continues_run (needle[len - 1], p + len, end, 1))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GString *truth;   /* title and paragraphs, folded, with \x01 between them */
  GString *extra;   /* bylines and headers, and the text around every join */
  GString *last;    /* the previous part, for the join with the next */
} Text;

/* Adds a part of the report as the extractor may read it: what the report says (@truth) or
 * what surrounds it. Search sees every part one after the other with nothing between them, so
 * a phrase could match across the end of one and the start of the next. */
static void
text_add (Text       *text,
          const char *part,
          gboolean    truth)
{
  g_autoptr(GString) folded = g_string_new (NULL);

  append_folded (folded, part);
  g_string_append (truth ? text->truth : text->extra, folded->str);
  g_string_append_c (truth ? text->truth : text->extra, '\x01');

  if (text->last->len > 0)
    {
      const char *tail = text->last->str + text->last->len;
      const char *head_end = folded->str;

      for (guint i = 0; i < SEAM_CHARS && tail > text->last->str; i++)
        tail = g_utf8_prev_char (tail);
      for (guint i = 0; i < SEAM_CHARS && *head_end != '\0'; i++)
        head_end = g_utf8_next_char (head_end);

      g_string_append (text->extra, tail);
      g_string_append_len (text->extra, folded->str, head_end - folded->str);
      g_string_append_c (text->extra, '\x01');
    }
  g_string_assign (text->last, folded->str);
}

static void
judge_queries (Corpus       *corpus,
               const Report *report,
               guint         index,
               Text         *text)
{
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const QuerySpec *spec = &queries[q];
      gboolean found = TRUE;
      gboolean unclear = FALSE;

      if ((spec->levels != 0 && !(spec->levels & (1u << report->outlet->level))) ||
          (spec->first_day != NULL && (strcmp (report->date, spec->first_day) < 0 ||
                                       strcmp (report->date, spec->last_day) > 0)))
        continue;

      for (guint t = 0; found && t < G_N_ELEMENTS (spec->terms) && spec->terms[t] != NULL; t++)
        {
          const char *term = corpus->folded_terms[q * G_N_ELEMENTS (spec->terms) + t];

          if (!contains (text->truth, term))
            {
              found = FALSE;
              unclear = contains (text->extra, term);
            }
        }

      if (found)
        g_array_append_val (corpus->matches[q], index);
      corpus->ambiguous[q] += unclear;
    }
}

static const Outlet *
pick_outlet (Corpus  *corpus,
             BdLevel  level)
{
  guint total = 0;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (outlets); i++)
    total += outlets[i].level == level ? outlets[i].weight : 0;

  n = g_rand_int_range (corpus->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (outlets); i++)
    {
      if (outlets[i].level != level)
        continue;
      if (n < outlets[i].weight)
        return &outlets[i];
      n -= outlets[i].weight;
    }

  g_assert_not_reached ();
}

static char *
file_name (Corpus       *corpus,
           const Report *report,
           const char   *byline_name,
           const char   *extension)
{
  g_autofree char *compact = NULL;
  g_autofree char *name = NULL;
  double style = g_rand_double (corpus->rand);

  if (style < 0.5)
    name = g_strdup (report->title);
  else if (style < 0.7)
    {
      compact = replace_all (report->date, "-", "");
      name = g_strdup_printf ("%s %s", compact, report->title);
    }
  else if (style < 0.85)
    name = g_strdup_printf ("【%s】%s", byline_name, report->title);
  else
    name = g_strdup_printf ("%s - %s", report->title, byline_name);

  return g_strdup_printf ("reports/%.7s/%s.%s", report->date, name, extension);
}

static char *
byline_date (Corpus     *corpus,
             const char *date)
{
  int hour = g_rand_int_range (corpus->rand, 7, 23);
  int minute = g_rand_int_range (corpus->rand, 0, 60);

  switch (g_rand_int_range (corpus->rand, 0, 5))
    {
    case 0:
      return g_strdup_printf ("%s %02d:%02d", date, hour, minute);
    case 1:
      return g_strdup_printf ("%.4s年%.2s月%.2s日 %02d:%02d", date, date + 5, date + 8, hour, minute);
    case 2:
      return g_strdup_printf ("%.4s年%.2s月%.2s日", date, date + 5, date + 8);
    case 3:
      return g_strdup_printf ("%.4s/%.2s/%.2s %02d:%02d:%02d", date, date + 5, date + 8, hour,
                              minute, g_rand_int_range (corpus->rand, 0, 60));
    default:
      return g_strdup_printf ("发布时间：%s", date);
    }
}

static gboolean
write_pdf (Corpus      *corpus,
           Report      *report,
           const char  *path,
           guint        n_pages,
           GPtrArray   *paragraphs,
           Text        *text,
           GError     **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *header = NULL;
  g_autofree char *created = g_strdup_printf ("%sT%02d:00:00", report->date,
                                              g_rand_int_range (corpus->rand, 6, 22));
  static const guint widths[] = { 26, 30, 34, 38 };
  BdSamplePdf spec = { 0 };
  guint per_page;
  const char *name = pick_from (corpus, report->outlet->written);

  if (report->outlet->paper && chance (corpus, 0.7))
    header = g_strdup_printf ("%s %.4s年%.2s月%.2s日 第%d版", report->outlet->name, report->date,
                              report->date + 5, report->date + 8,
                              g_rand_int_range (corpus->rand, 1, 13));
  else
    /* a printed web page or cutting: the byline, with the date or leaving it to the PDF's */
    header = chance (corpus, 0.5) ? g_strdup_printf ("来源：%s %s", name, report->date)
                                  : g_strdup_printf ("来源：%s", name);
  text_add (text, header, FALSE);
  text_add (text, report->title, TRUE);

  per_page = MAX (1, paragraphs->len / n_pages);
  for (guint i = 0; i < paragraphs->len; i += per_page)
    {
      g_autoptr(GStrvBuilder) page = g_strv_builder_new ();
      g_auto(GStrv) lines = NULL;

      for (guint j = i; j < MIN (i + per_page, paragraphs->len); j++)
        {
          g_strv_builder_add (page, g_ptr_array_index (paragraphs, j));
          text_add (text, g_ptr_array_index (paragraphs, j), TRUE);
        }
      lines = g_strv_builder_end (page);
      g_ptr_array_add (pages, g_strjoinv ("\n", lines));
    }
  g_ptr_array_add (pages, NULL);

  spec.title = chance (corpus, 0.85) ? report->title : NULL;
  spec.created = created;
  spec.header = header;
  spec.heading = report->title;
  spec.pages = (const char *const *) pages->pdata;
  spec.chars_per_line = widths[g_rand_int_range (corpus->rand, 0, G_N_ELEMENTS (widths))];

  report->media_type = BD_MEDIA_TYPE_PDF;
  return bd_sample_write_pdf (path, &spec, error);
}

static const char *
pick_encoding (Corpus      *corpus,
               const char **declared)
{
  double e = g_rand_double (corpus->rand);
  const char *encoding = e < 0.07 ? "GBK" : e < 0.15 ? "GB18030" : NULL;

  /* a third of the Chinese-encoded pages, 5% of all, forget to say so */
  *declared = encoding == NULL ? "utf-8" : chance (corpus, 0.33) ? NULL : encoding;
  return encoding;
}

static gboolean
write_html (Corpus      *corpus,
            Report      *report,
            const char  *path,
            GPtrArray   *paragraphs,
            Text        *text,
            GError     **error)
{
  const char *name = pick_from (corpus, report->outlet->written);
  g_autofree char *when = byline_date (corpus, report->date);
  g_autofree char *page_title = g_strdup_printf ("%s_%s", report->title, name);
  g_autofree char *byline = g_strdup_printf ("来源：%s %s 作者：记者 张三", name, when);
  g_autofree char *canonical = NULL;
  g_autofree char *published = NULL;
  const char *meta[] = { NULL, NULL, NULL };
  BdSampleHtml spec = { 0 };

  if (report->outlet->host != NULL && chance (corpus, 0.5))
    canonical = g_strdup_printf ("https://%s/content/%.7s/%.2s/content_%u.html",
                                 report->outlet->host, report->date, report->date + 8,
                                 g_rand_int_range (corpus->rand, 100000, 999999));
  if (chance (corpus, 0.4))
    {
      published = g_strdup_printf ("%sT%02d:%02d:00+08:00", report->date,
                                   g_rand_int_range (corpus->rand, 7, 23),
                                   g_rand_int_range (corpus->rand, 0, 60));
      meta[0] = "article:published_time";
      meta[1] = published;
    }

  text_add (text, page_title, FALSE);
  text_add (text, report->title, TRUE);
  text_add (text, byline, FALSE);
  for (guint i = 0; i < paragraphs->len; i++)
    text_add (text, g_ptr_array_index (paragraphs, i), TRUE);

  g_ptr_array_add (paragraphs, NULL);
  spec.paragraphs = (const char *const *) paragraphs->pdata;
  spec.title = page_title;
  spec.heading = report->title;
  spec.source = name;
  spec.byline_date = when;
  spec.meta = meta;
  spec.canonical = canonical;
  spec.encoding = pick_encoding (corpus, &spec.declared);
  spec.http_equiv = chance (corpus, 0.5);
  report->media_type = BD_MEDIA_TYPE_HTML;

  if (!corpus->full)
    {
      /* a bare page, small and quick to write, for corpora of many thousand reports */
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *encoded = NULL;
      gsize len;

      g_string_append (html, "<!DOCTYPE html>\n<html><head>\n");
      if (spec.declared != NULL)
        g_string_append_printf (html, "<meta charset=\"%s\">\n", spec.declared);
      g_string_append_printf (html, "<title>%s</title>\n", page_title);
      if (published != NULL)
        g_string_append_printf (html, "<meta property=\"article:published_time\" "
                                      "content=\"%s\">\n", published);
      g_string_append_printf (html, "</head><body>\n<h1>%s</h1>\n<p class=\"info\">来源：%s %s</p>\n",
                              report->title, name, when);
      for (guint i = 0; paragraphs->pdata[i] != NULL; i++)
        g_string_append_printf (html, "<p>%s</p>\n", (const char *) paragraphs->pdata[i]);
      g_string_append (html, "</body></html>\n");

      /* a new file in a new folder: no need for the safety of a rename */
      if (spec.encoding == NULL)
        return g_file_set_contents_full (path, html->str, html->len, G_FILE_SET_CONTENTS_NONE,
                                         0644, error);
      encoded = g_convert (html->str, html->len, spec.encoding, "UTF-8", NULL, &len, error);
      return encoded != NULL &&
             g_file_set_contents_full (path, encoded, len, G_FILE_SET_CONTENTS_NONE, 0644, error);
    }

  return bd_sample_write_html (path, &spec, error);
}

static gboolean
make_report (Corpus   *corpus,
             BdLevel   level,
             int       day,
             GError  **error)
{
  const Topic *topic = &topics[g_rand_int_range (corpus->rand, 0, G_N_ELEMENTS (topics))];
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JULY, 2023);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  Text text = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL) };
  static const guint page_counts[] = { 1, 1, 1, 2, 2, 3, 4, 5, 6 };
  gboolean pdf = corpus->full && chance (corpus, 0.4);
  guint n_pages = page_counts[g_rand_int_range (corpus->rand, 0, G_N_ELEMENTS (page_counts))];
  gboolean traditional_script = chance (corpus, 0.03);
  gboolean full_width = chance (corpus, 0.02);
  guint n_paragraphs = g_rand_int_range (corpus->rand, 3, corpus->full ? 10 : 7);
  Report *report = g_new0 (Report, 1);
  gboolean ok;

  if (pdf)
    n_paragraphs = n_pages * g_rand_int_range (corpus->rand, 2, 4);
  g_date_add_days (date, day);
  g_date_strftime (report->date, sizeof report->date, "%Y-%m-%d", date);
  report->outlet = pick_outlet (corpus, level);
  report->title = make_title (corpus, topic);

  for (guint i = 0; i < n_paragraphs; i++)
    {
      char *paragraph = make_paragraph (corpus, topic, i == 0);

      if (traditional_script)
        {
          char *converted = to_traditional (paragraph);

          g_free (paragraph);
          paragraph = converted;
        }
      if (full_width)
        {
          char *converted = to_full_width (paragraph);

          g_free (paragraph);
          paragraph = converted;
        }
      g_ptr_array_add (paragraphs, paragraph);
    }

  report->file = file_name (corpus, report, pick_from (corpus, report->outlet->written),
                            pdf ? "pdf" : "html");
  path = g_build_filename (corpus->outdir, report->file, NULL);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      ok = FALSE;
    }
  else if (pdf)
    ok = write_pdf (corpus, report, path, n_pages, paragraphs, &text, error);
  else
    ok = write_html (corpus, report, path, paragraphs, &text, error);

  if (ok)
    judge_queries (corpus, report, corpus->reports->len, &text);
  g_ptr_array_add (corpus->reports, report);
  g_string_free (text.truth, TRUE);
  g_string_free (text.extra, TRUE);
  g_string_free (text.last, TRUE);

  return ok;
}

static void
report_free (Report *report)
{
  g_free (report->file);
  g_free (report->title);
  g_free (report);
}

static int
compare_files (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GPtrArray *reports = user_data;
  const Report *ra = g_ptr_array_index (reports, *(const guint *) a);
  const Report *rb = g_ptr_array_index (reports, *(const guint *) b);

  return strcmp (ra->file, rb->file);
}

static gboolean
write_truth (Corpus      *corpus,
             guint32      seed,
             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree guint *order = g_new (guint, corpus->reports->len);
  g_autofree char *path = g_build_filename (corpus->outdir, "truth.json", NULL);

  for (guint i = 0; i < corpus->reports->len; i++)
    order[i] = i;
  g_qsort_with_data (order, corpus->reports->len, sizeof (guint), compare_files, corpus->reports);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, seed);
  json_builder_set_member_name (builder, "reports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < corpus->reports->len; i++)
    {
      const Report *report = g_ptr_array_index (corpus->reports, order[i]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, report->file);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, report->title);
      json_builder_set_member_name (builder, "outlet");
      json_builder_add_string_value (builder, report->outlet->name);
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, bd_level_to_nick (report->outlet->level));
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, report->date);
      json_builder_set_member_name (builder, "media_type");
      json_builder_add_string_value (builder, report->media_type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "queries");
  json_builder_begin_array (builder);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      GArray *matches = corpus->matches[q];

      if (corpus->ambiguous[q] > 0)
        {
          g_debug ("Left out “%s”: in %u reports it could match across a byline or a join",
                   queries[q].text, corpus->ambiguous[q]);
          continue;
        }

      g_array_sort_with_data (matches, compare_files, corpus->reports);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, queries[q].category);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, queries[q].text);
      json_builder_set_member_name (builder, "expected");
      json_builder_begin_array (builder);
      for (guint i = 0; i < matches->len; i++)
        {
          const Report *report = g_ptr_array_index (corpus->reports,
                                                    g_array_index (matches, guint, i));

          json_builder_add_string_value (builder, report->file);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  /* a large corpus's truth is for programs only, and a third smaller without the indentation */
  json_generator_set_pretty (generator, corpus->full);
  return json_generator_to_file (generator, path, error);
}

/* The levels of all reports in a random order, in the office's proportions. */
static BdLevel *
shuffled_levels (Corpus *corpus)
{
  guint n = corpus->n_reports;
  guint half = BD_SAMPLE_DEFAULT_REPORTS / 2;
  guint national = MAX (1, (n * DEFAULT_NATIONAL + half) / BD_SAMPLE_DEFAULT_REPORTS);
  guint provincial = (n * DEFAULT_PROVINCIAL + half) / BD_SAMPLE_DEFAULT_REPORTS;
  BdLevel *levels = g_new (BdLevel, n);

  for (guint i = 0; i < n; i++)
    levels[i] = i < national ? BD_LEVEL_NATIONAL
              : i < national + provincial ? BD_LEVEL_PROVINCIAL
              : BD_LEVEL_MUNICIPAL;

  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (corpus->rand, 0, i + 1);
      BdLevel swap = levels[i];

      levels[i] = levels[j];
      levels[j] = swap;
    }

  return levels;
}

struct _BdSampleCorpus
{
  GObject  parent_instance;

  guint    n_reports;
  guint32  seed;
};

G_DEFINE_FINAL_TYPE (BdSampleCorpus, bd_sample_corpus, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_REPORTS,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
bd_sample_corpus_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BdSampleCorpus *self = BD_SAMPLE_CORPUS (object);

  switch (prop_id)
    {
    case PROP_N_REPORTS:
      g_value_set_uint (value, self->n_reports);
      break;

    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_sample_corpus_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BdSampleCorpus *self = BD_SAMPLE_CORPUS (object);

  switch (prop_id)
    {
    case PROP_N_REPORTS:
      self->n_reports = g_value_get_uint (value);
      break;

    case PROP_SEED:
      self->seed = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_sample_corpus_class_init (BdSampleCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bd_sample_corpus_get_property;
  object_class->set_property = bd_sample_corpus_set_property;

  properties [PROP_N_REPORTS] =
    g_param_spec_uint ("n-reports", NULL, NULL,
                       1, G_MAXUINT, BD_SAMPLE_DEFAULT_REPORTS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL,
                       0, G_MAXUINT32, BD_SAMPLE_DEFAULT_SEED,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdSampleCorpus::progress:
   * @done: reports written
   * @total: reports to write
   * @path: the file just written
   *
   * Emitted after each report, in the thread writing them.
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
bd_sample_corpus_init (BdSampleCorpus *self)
{
  self->n_reports = BD_SAMPLE_DEFAULT_REPORTS;
  self->seed = BD_SAMPLE_DEFAULT_SEED;
}

/**
 * bd_sample_corpus_new:
 * @n_reports: how many reports to write
 * @seed: the seed of every random choice: the same seed writes the same bytes
 *
 * Returns: (transfer full): a corpus to write
 */
BdSampleCorpus *
bd_sample_corpus_new (guint   n_reports,
                      guint32 seed)
{
  g_return_val_if_fail (n_reports > 0, NULL);

  return g_object_new (BD_TYPE_SAMPLE_CORPUS,
                       "n-reports", n_reports,
                       "seed", seed,
                       NULL);
}

/**
 * bd_sample_corpus_write:
 * @dir: the folder to write into; created if missing
 * @cancellable: (nullable): stops the writing between two reports
 *
 * Writes the reports under @dir/reports/, a folder a month, then @dir/truth.json. Drawing
 * the PDFs takes most of the time, some 15 ms a report; a corpus of more than 5,000 reports,
 * meant for timing searches, is plain web pages only.
 *
 * Returns: %TRUE when every file was written
 */
gboolean
bd_sample_corpus_write (BdSampleCorpus  *self,
                        const char      *dir,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autofree BdLevel *levels = NULL;
  g_autoptr(GError) local_error = NULL;
  Corpus corpus = { 0 };
  guint n_terms = G_N_ELEMENTS (queries) * G_N_ELEMENTS (queries[0].terms);

  g_return_val_if_fail (BD_IS_SAMPLE_CORPUS (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  corpus.rand = g_rand_new_with_seed (self->seed);
  corpus.outdir = dir;
  corpus.n_reports = self->n_reports;
  corpus.full = self->n_reports <= MAX_FULL_REPORTS;
  corpus.titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  corpus.reports = g_ptr_array_new_with_free_func ((GDestroyNotify) report_free);
  corpus.folded_terms = g_new0 (char *, n_terms);
  corpus.matches = g_new (GArray *, G_N_ELEMENTS (queries));
  corpus.ambiguous = g_new0 (guint, G_N_ELEMENTS (queries));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      corpus.matches[q] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint t = 0; t < G_N_ELEMENTS (queries[q].terms); t++)
        {
          g_autoptr(GString) folded = g_string_new (NULL);

          if (queries[q].terms[t] == NULL)
            break;
          append_folded (folded, queries[q].terms[t]);
          corpus.folded_terms[q * G_N_ELEMENTS (queries[q].terms) + t] =
            g_string_free (g_steal_pointer (&folded), FALSE);
        }
    }

  levels = shuffled_levels (&corpus);
  for (guint i = 0; i < corpus.n_reports && local_error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      if (make_report (&corpus, levels[i], g_rand_int_range (corpus.rand, 0, N_DAYS),
                       &local_error))
        {
          const Report *report = g_ptr_array_index (corpus.reports, i);
          g_autofree char *path = g_build_filename (dir, report->file, NULL);

          g_signal_emit (self, signals [PROGRESS], 0, i + 1, corpus.n_reports, path);
        }
    }

  if (local_error == NULL)
    write_truth (&corpus, self->seed, &local_error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    g_array_unref (corpus.matches[q]);
  g_free (corpus.matches);
  g_free (corpus.ambiguous);
  for (guint i = 0; i < n_terms; i++)
    g_free (corpus.folded_terms[i]);
  g_free (corpus.folded_terms);
  g_ptr_array_unref (corpus.reports);
  g_hash_table_unref (corpus.titles);
  g_rand_free (corpus.rand);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
