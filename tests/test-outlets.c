/* test-outlets.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "bd-error.h"
#include "bd-outlet.h"
#include "bd-outlet-registry.h"

typedef struct
{
  const char *id;
  const char *input;
  const char *name;     /* NULL: no outlet */
  BdLevel     level;
} Case;

static BdOutletRegistry *
load_shipped (void)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bd_outlet_registry_default_path ();

  g_assert_true (bd_outlet_registry_load_file (registry, path, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&registry);
}

static void
assert_lookup (BdOutletRegistry *registry,
               const char       *input,
               const char       *expected_name,
               BdLevel           expected_level)
{
  const char *name = NULL;
  BdLevel level = BD_LEVEL_UNSET;
  gboolean ret;

  ret = bd_outlet_registry_lookup (registry, input, &name, &level);

  if (expected_name == NULL)
    {
      if (ret)
        g_error ("“%s” should match no outlet, got %s", input, name);
      return;
    }

  if (!ret)
    g_error ("“%s” should match %s, got nothing", input, expected_name);
  g_assert_cmpstr (name, ==, expected_name);
  g_assert_cmpint (level, ==, expected_level);
}

static const Case lookup_cases[] = {
  { "name", "人民日报", "人民日报", BD_LEVEL_NATIONAL },
  { "alias", "人民网", "人民日报", BD_LEVEL_NATIONAL },
  { "alias-edition", "人民日报海外版", "人民日报", BD_LEVEL_NATIONAL },
  { "provincial", "湖北日报", "湖北日报", BD_LEVEL_PROVINCIAL },
  { "municipal", "十堰晚报", "十堰晚报", BD_LEVEL_MUNICIPAL },
  { "latin-alias", "CGTN", "中央广播电视总台", BD_LEVEL_NATIONAL },
  { "case", "cctv", "中央广播电视总台", BD_LEVEL_NATIONAL },
  { "full-width", "ＣＣＴＶ", "中央广播电视总台", BD_LEVEL_NATIONAL },
  { "inner-space", "China  daily", "中国日报", BD_LEVEL_NATIONAL },
  { "surrounding-space", " \t湖北日报\u3000\n", "湖北日报", BD_LEVEL_PROVINCIAL },
  { "spaced-out", "十 堰 日 报", "十堰日报", BD_LEVEL_MUNICIPAL },
  { "source-prefix", "来源：十堰日报", "十堰日报", BD_LEVEL_MUNICIPAL },
  { "source-prefix-ascii", "稿件来源: 荆楚网", "荆楚网", BD_LEVEL_PROVINCIAL },
  { "brackets", "【荆楚网】", "荆楚网", BD_LEVEL_PROVINCIAL },
  { "title-marks", "《求是》", "求是", BD_LEVEL_NATIONAL },
  { "short-name-alone", "来源：求是", "求是", BD_LEVEL_NATIONAL },
  { "byline", "来源：十堰日报 记者 张三", "十堰日报", BD_LEVEL_MUNICIPAL },
  { "contained-alias", "湖北日报客户端讯", "湖北日报", BD_LEVEL_PROVINCIAL },
  { "contained-longest", "据人民日报海外版报道", "人民日报", BD_LEVEL_NATIONAL },
  { "contained-late", "本报记者 刘洋 通讯员 王芳 楚天都市报", "楚天都市报", BD_LEVEL_PROVINCIAL },
  { "host", "www.cnhubei.com", "荆楚网", BD_LEVEL_PROVINCIAL },
  { "bare-domain", "cnhubei.com", "荆楚网", BD_LEVEL_PROVINCIAL },
  { "host-trailing-dot", "cnhubei.com.", "荆楚网", BD_LEVEL_PROVINCIAL },
  { "host-path", "news.cnhubei.com/content/2023-05/12/content_1.html", "荆楚网",
    BD_LEVEL_PROVINCIAL },
  { "url", "https://news.cnhubei.com/content/2023-05/12/content_1.html", "荆楚网",
    BD_LEVEL_PROVINCIAL },
  { "url-subdomain", "http://society.people.com.cn/n1/2023/0512/c1008-1.html", "人民日报",
    BD_LEVEL_NATIONAL },
  { "url-upper-case", "HTTPS://WWW.XINHUANET.COM/politics/", "新华社", BD_LEVEL_NATIONAL },
  { "url-port-user", "https://user@www.news.cn:8443/a?b=c#d", "新华社", BD_LEVEL_NATIONAL },
  { "url-query-only", "http://www.gmw.cn?id=1", "光明日报", BD_LEVEL_NATIONAL },
  { "url-full-width", "ｈｔｔｐｓ：／／ｗｗｗ．ｃｎｈｕｂｅｉ．ｃｏｍ／", "荆楚网",
    BD_LEVEL_PROVINCIAL },
  { "url-after-label", "来源：https://www.chinanews.com.cn/gn/2023/05-12/1.shtml", "中国新闻社",
    BD_LEVEL_NATIONAL },
  { "url-longest-domain", "https://syrb.10yan.com/html/20230512/215293.html", "十堰日报",
    BD_LEVEL_MUNICIPAL },
  { "url-parent-domain", "http://www.10yan.com/2014/1218/149013.shtml", "秦楚网",
    BD_LEVEL_MUNICIPAL },
  { "url-numeric-label", "http://www.81.cn/jfjbmap/content/1.htm", "解放军报", BD_LEVEL_NATIONAL },
  { "url-central-government", "https://www.gov.cn/zhengce/", "中国政府网", BD_LEVEL_NATIONAL },
  { "url-provincial-department", "http://fgw.hubei.gov.cn/", "湖北省人民政府网",
    BD_LEVEL_PROVINCIAL },
  { "url-city-government", "https://www.shiyan.gov.cn/xxgk/", "十堰市人民政府网",
    BD_LEVEL_MUNICIPAL },
  { "unknown-name", "长江日报", NULL, 0 },
  { "unknown-byline", "本报记者 张三", NULL, 0 },
  { "empty", "", NULL, 0 },
  { "blank", " \t\u3000", NULL, 0 },
  { "only-punctuation", "【】", NULL, 0 },
  { "only-prefix", "来源：", NULL, 0 },
  { "label-boundary", "notpeople.com.cn", NULL, 0 },
  { "label-boundary-url", "https://www.notpeople.com.cn/a.html", NULL, 0 },
  { "domain-as-subdomain", "https://people.com.cn.example.com/", NULL, 0 },
  { "other-government", "http://www.yunyang.gov.cn/", NULL, 0 },
  { "bare-gov-cn", "gov.cn", NULL, 0 },
  { "url-unknown-with-name", "https://example.com/人民日报", NULL, 0 },
  { "wechat", "https://mp.weixin.qq.com/s/abc", NULL, 0 },
  { "date-not-host", "2023.5.12", NULL, 0 },
  { "partial-name", "人民", NULL, 0 },
};

static void
test_lookup (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(BdOutletRegistry) registry = load_shipped ();

  assert_lookup (registry, c->input, c->name, c->level);
}

static void
test_lookup_optional_out (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  const char *name;

  g_assert_true (bd_outlet_registry_lookup (registry, "新华网", NULL, NULL));
  g_assert_true (bd_outlet_registry_lookup (registry, "光明网", &name, NULL));
  g_assert_cmpstr (name, ==, "光明日报");
  /* Interned: the same pointer for every caller, valid after the registry is gone. */
  g_assert_true (name == g_intern_static_string ("光明日报"));
}

static const Case find_cases[] = {
  { "e-paper-header", "湖北日报 2023年5月12日 星期五 第3版\n要闻\n十堰：产业兴旺", "湖北日报",
    BD_LEVEL_PROVINCIAL },
  { "e-paper-lines", "十堰日报\n2023年5月12日\n第2版 综合新闻", "十堰日报", BD_LEVEL_MUNICIPAL },
  { "spaced-masthead", "十 堰 晚 报\u3000\u30002023年5月12日", "十堰晚报", BD_LEVEL_MUNICIPAL },
  { "dateline", "新华社武汉5月12日电（记者 李四）人民日报评论员文章指出", "新华社",
    BD_LEVEL_NATIONAL },
  { "earliest-wins", "湖北日报客户端讯（记者 王五）据十堰日报报道", "湖北日报",
    BD_LEVEL_PROVINCIAL },
  { "byline", "本报讯（记者 张三 通讯员 李四）\n来源：极目新闻", "楚天都市报",
    BD_LEVEL_PROVINCIAL },
  { "full-width-latin", "ＣＣＴＶ－１３ 新闻直播间", "中央广播电视总台", BD_LEVEL_NATIONAL },
  { "invalid-utf8", "\xff\xfe 光明日报 \xc3", "光明日报", BD_LEVEL_NATIONAL },
  { "nothing", "本报讯（记者 张三）5月12日，郧阳区召开会议。", NULL, 0 },
  { "short-name-in-word", "坚持实事求是，推动央视频道建设", NULL, 0 },
  { "empty", "", NULL, 0 },
};

static void
test_find_in_text (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  const char *name = NULL;
  BdLevel level = BD_LEVEL_UNSET;
  gboolean ret;

  ret = bd_outlet_registry_find_in_text (registry, c->input, 200, &name, &level);

  if (c->name == NULL)
    {
      if (ret)
        g_error ("“%s” should name no outlet, got %s", c->input, name);
      return;
    }

  if (!ret)
    g_error ("“%s” should name %s, got nothing", c->input, c->name);
  g_assert_cmpstr (name, ==, c->name);
  g_assert_cmpint (level, ==, c->level);
}

static void
test_find_in_text_max_chars (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "文");
  g_string_append (text, "人民日报");

  g_assert_false (bd_outlet_registry_find_in_text (registry, text->str, 200, &name, NULL));
  g_assert_false (bd_outlet_registry_find_in_text (registry, text->str, 303, &name, NULL));
  g_assert_true (bd_outlet_registry_find_in_text (registry, text->str, 304, &name, NULL));
  g_assert_cmpstr (name, ==, "人民日报");
  g_assert_true (bd_outlet_registry_find_in_text (registry, text->str, G_MAXSIZE, &name, NULL));
  g_assert_false (bd_outlet_registry_find_in_text (registry, "人民日报", 0, &name, NULL));
}

static void
test_find_in_text_longest (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  const char *group_aliases[] = { "湖北日报传媒集团十堰分社", NULL };
  const char *name = NULL;
  BdLevel level;

  bd_outlet_registry_add (registry, "湖北日报传媒集团", BD_LEVEL_MUNICIPAL, group_aliases, NULL,
                          TRUE);

  g_assert_true (bd_outlet_registry_find_in_text (registry, "湖北日报传媒集团讯", 50, &name,
                                                  &level));
  g_assert_cmpstr (name, ==, "湖北日报传媒集团");
  g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);

  g_assert_true (bd_outlet_registry_find_in_text (registry, "湖北日报讯 湖北日报传媒集团", 50,
                                                  &name, &level));
  g_assert_cmpstr (name, ==, "湖北日报");
  g_assert_cmpint (level, ==, BD_LEVEL_PROVINCIAL);

  /* Containment in lookup prefers the longest name wherever it is. */
  assert_lookup (registry, "湖北日报讯 湖北日报传媒集团", "湖北日报传媒集团", BD_LEVEL_MUNICIPAL);
}

static void
test_local_level_override (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(GPtrArray) outlets = NULL;
  BdOutlet *hubei = NULL;

  bd_outlet_registry_add (registry, "湖北日报", BD_LEVEL_MUNICIPAL, NULL, NULL, TRUE);

  assert_lookup (registry, "湖北日报", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "湖北日报客户端", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "https://epaper.hubeidaily.net/pc/", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "荆楚网", "荆楚网", BD_LEVEL_PROVINCIAL);

  outlets = bd_outlet_registry_list (registry);
  for (guint i = 0; i < outlets->len; i++)
    {
      BdOutlet *outlet = g_ptr_array_index (outlets, i);

      if (g_str_equal (bd_outlet_get_name (outlet), "湖北日报"))
        {
          g_assert_null (hubei);
          hubei = outlet;
        }
    }

  g_assert_nonnull (hubei);
  g_assert_true (bd_outlet_get_local (hubei));
  g_assert_cmpint (bd_outlet_get_level (hubei), ==, BD_LEVEL_MUNICIPAL);
  g_assert_true (g_strv_contains (bd_outlet_get_aliases (hubei), "湖北日报客户端"));
  g_assert_true (g_strv_contains (bd_outlet_get_domains (hubei), "hubeidaily.net"));
}

/* A canonical name finds its outlet however it is written; an alias, a domain or a longer text
 * containing the name find nothing. */
static void
test_get_outlet (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(BdOutlet) hubei = bd_outlet_registry_get_outlet (registry, " 湖 北 日 报 ");
  const char *misses[] = {
    "湖北日报客户端", "ＣＣＴＶ", "hubeidaily.net", "来源：湖北日报网", "", "某某报",
  };

  g_assert_nonnull (hubei);
  g_assert_cmpstr (bd_outlet_get_name (hubei), ==, "湖北日报");
  g_assert_false (bd_outlet_get_local (hubei));

  for (guint i = 0; i < G_N_ELEMENTS (misses); i++)
    {
      g_autoptr(BdOutlet) outlet = bd_outlet_registry_get_outlet (registry, misses[i]);

      if (outlet != NULL)
        g_error ("“%s” is no outlet's name, yet gave %s", misses[i], bd_outlet_get_name (outlet));
    }
}

/* A registry built anew takes the place of the one everyone holds. */
static void
test_swap (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(BdOutletRegistry) fresh = bd_outlet_registry_new ();
  g_autoptr(GPtrArray) outlets = NULL;

  bd_outlet_registry_add (registry, "湖北日报", BD_LEVEL_MUNICIPAL, NULL, NULL, TRUE);
  bd_outlet_registry_add (fresh, "十堰新闻网", BD_LEVEL_MUNICIPAL, NULL, NULL, TRUE);

  bd_outlet_registry_swap (registry, fresh);

  assert_lookup (registry, "十堰新闻网", "十堰新闻网", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "湖北日报", NULL, 0);
  outlets = bd_outlet_registry_list (registry);
  g_assert_cmpuint (outlets->len, ==, 1);

  assert_lookup (fresh, "湖北日报", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (fresh, "十堰新闻网", NULL, 0);
}

static void
test_local_new_outlet (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  const char *aliases[] = { "十堰新闻网客户端", NULL };
  const char *domains[] = { " HTTPS://News.Example.CN/ ", "not a domain", NULL };
  const char *takeover[] = { "sy.cnhubei.com", NULL };

  bd_outlet_registry_add (registry, "十堰新闻网", BD_LEVEL_MUNICIPAL, aliases, domains, TRUE);
  bd_outlet_registry_add (registry, "荆楚网十堰频道", BD_LEVEL_MUNICIPAL, NULL, takeover, TRUE);

  assert_lookup (registry, "十堰新闻网", "十堰新闻网", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "十堰新闻网客户端", "十堰新闻网", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "https://a.news.example.cn/x.html", "十堰新闻网", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "https://example.cn/", NULL, 0);
  assert_lookup (registry, "http://sy.cnhubei.com/a.html", "荆楚网十堰频道", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "http://www.cnhubei.com/a.html", "荆楚网", BD_LEVEL_PROVINCIAL);
}

static void
test_local_takes_keys (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  const char *domains[] = { "xinhuanet.com", NULL };

  bd_outlet_registry_add (registry, "新华网", BD_LEVEL_PROVINCIAL, NULL, domains, TRUE);

  assert_lookup (registry, "新华网", "新华网", BD_LEVEL_PROVINCIAL);
  assert_lookup (registry, "https://www.xinhuanet.com/", "新华网", BD_LEVEL_PROVINCIAL);
  assert_lookup (registry, "新华社", "新华社", BD_LEVEL_NATIONAL);
  assert_lookup (registry, "https://www.news.cn/", "新华社", BD_LEVEL_NATIONAL);
}

/* A web domain another outlet has is refused, naming that outlet; an outlet keeps its own, and
 * a subdomain of another's domain is an outlet of its own. */
static void
test_check_domains (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(GError) error = NULL;
  const char *taken[] = { "example.cn", "HTTPS://People.com.cn/index.html", NULL };
  const char *own[] = { "people.cn", "zhuxi-news.example.cn", NULL };
  const char *subdomain[] = { "hb.people.com.cn", NULL };
  const char *www[] = { "www.people.cn", NULL };

  g_assert_false (bd_outlet_registry_check_domains (registry, "竹溪新闻", taken, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The web domain people.com.cn belongs to “人民日报”: change it there");
  g_clear_error (&error);
  g_assert_false (bd_outlet_registry_check_domains (registry, "竹溪新闻", www, &error));
  g_assert_cmpstr (error->message, ==,
                   "The web domain www.people.cn belongs to “人民日报”: change it there");
  g_clear_error (&error);

  g_assert_true (bd_outlet_registry_check_domains (registry, "人民日报", own, &error));
  g_assert_true (bd_outlet_registry_check_domains (registry, "竹溪新闻", subdomain, &error));
  g_assert_true (bd_outlet_registry_check_domains (registry, "竹溪新闻", NULL, &error));
  g_assert_no_error (error);
}

static void
test_local_before_shipped (void)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bd_outlet_registry_default_path ();
  const char *domains[] = { "cnhubei.com", NULL };

  bd_outlet_registry_add (registry, "湖北日报", BD_LEVEL_MUNICIPAL, NULL, NULL, TRUE);
  bd_outlet_registry_add (registry, "我的网站", BD_LEVEL_MUNICIPAL, NULL, domains, TRUE);
  g_assert_true (bd_outlet_registry_load_file (registry, path, &error));
  g_assert_no_error (error);

  assert_lookup (registry, "湖北日报", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "湖北日报网", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "https://news.hubeidaily.net/", "湖北日报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "https://www.cnhubei.com/", "我的网站", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "荆楚网", "荆楚网", BD_LEVEL_PROVINCIAL);
}

static void
test_later_shipped_wins (void)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  const char *first[] = { "共享名", NULL };
  const char *second[] = { "共享名", NULL };

  bd_outlet_registry_add (registry, "甲报", BD_LEVEL_NATIONAL, first, NULL, FALSE);
  bd_outlet_registry_add (registry, "乙报", BD_LEVEL_PROVINCIAL, second, NULL, FALSE);
  assert_lookup (registry, "共享名", "乙报", BD_LEVEL_PROVINCIAL);

  bd_outlet_registry_add (registry, "甲报", BD_LEVEL_MUNICIPAL, NULL, NULL, FALSE);
  assert_lookup (registry, "甲报", "甲报", BD_LEVEL_MUNICIPAL);
}

static void
test_list (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) outlets = NULL;
  g_autofree char *path = bd_outlet_registry_default_path ();
  g_auto(GStrv) groups = NULL;
  const char *domains[] = { "unset.example.cn", NULL };
  gboolean saw_local = FALSE;

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL));
  groups = g_key_file_get_groups (keyfile, NULL);

  bd_outlet_registry_add (registry, "未分级的网站", BD_LEVEL_UNSET, NULL, domains, TRUE);
  bd_outlet_registry_add (registry, "十堰日报", BD_LEVEL_MUNICIPAL, NULL, NULL, TRUE);

  outlets = bd_outlet_registry_list (registry);
  g_assert_cmpuint (outlets->len, ==, g_strv_length (groups) + 1);
  g_assert_cmpint (bd_outlet_get_level (g_ptr_array_index (outlets, 0)), ==, BD_LEVEL_NATIONAL);
  g_assert_cmpstr (bd_outlet_get_name (g_ptr_array_index (outlets, outlets->len - 1)), ==,
                   "未分级的网站");

  for (guint i = 1; i + 1 < outlets->len; i++)
    {
      BdOutlet *a = g_ptr_array_index (outlets, i - 1);
      BdOutlet *b = g_ptr_array_index (outlets, i);

      g_assert_cmpint (bd_outlet_get_level (a), <=, bd_outlet_get_level (b));
      if (bd_outlet_get_level (a) == bd_outlet_get_level (b))
        g_assert_cmpint (g_utf8_collate (bd_outlet_get_name (a), bd_outlet_get_name (b)), <, 0);
    }

  for (guint i = 0; i < outlets->len; i++)
    {
      BdOutlet *outlet = g_ptr_array_index (outlets, i);
      gboolean local = bd_outlet_get_local (outlet);

      g_assert_true (g_strv_contains ((const char * const *)groups, bd_outlet_get_name (outlet)) ||
                     g_str_equal (bd_outlet_get_name (outlet), "未分级的网站"));
      g_assert_cmpint (local, ==, g_str_equal (bd_outlet_get_name (outlet), "未分级的网站") ||
                                  g_str_equal (bd_outlet_get_name (outlet), "十堰日报"));
      saw_local |= local;
    }
  g_assert_true (saw_local);
}

static void
test_outlet_properties (void)
{
  const char *aliases[] = { "别名", NULL };
  g_autoptr(BdOutlet) outlet = bd_outlet_new ("某报", BD_LEVEL_PROVINCIAL, aliases, NULL, TRUE);
  g_auto(GStrv) got_aliases = NULL;
  g_auto(GStrv) got_domains = NULL;
  g_autofree char *name = NULL;
  BdLevel level;
  gboolean local;

  g_object_get (outlet,
                "name", &name,
                "level", &level,
                "aliases", &got_aliases,
                "domains", &got_domains,
                "local", &local,
                NULL);
  g_assert_cmpstr (name, ==, "某报");
  g_assert_cmpint (level, ==, BD_LEVEL_PROVINCIAL);
  g_assert_cmpstrv (got_aliases, aliases);
  g_assert_nonnull (got_domains);
  g_assert_null (got_domains[0]);
  g_assert_true (local);
  g_assert_nonnull (bd_outlet_get_domains (outlet));
  g_assert_null (bd_outlet_get_domains (outlet)[0]);
}

static void
test_normalize_domain (void)
{
  static const struct {
    const char *text;
    const char *domain;
  } cases[] = {
    { "people.com.cn", "people.com.cn" },
    { " News.CNHubei.com. ", "news.cnhubei.com" },
    { "https://www.gov.cn/zhengce/", "www.gov.cn" },
    { "ｐｅｏｐｌｅ．ｃｎ", "people.cn" },
    { "81.cn", "81.cn" },
    { "xn--fiqs8s.xn--fiqs8s", "xn--fiqs8s.xn--fiqs8s" },
    { "localhost", NULL },
    { "people..cn", NULL },
    { "-people.cn", NULL },
    { "people_daily.cn", NULL },
    { "人民网.中国", NULL },
    { "1.2.3.4", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *domain = bd_outlet_registry_normalize_domain (cases[i].text);

      g_assert_cmpstr (domain, ==, cases[i].domain);
    }
}

/* Data mistakes in the shipped file: a bad level, a name in two groups, a domain that does not
 * resolve to its own group.
 */
static void
test_shipped_file (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bd_outlet_registry_default_path ();
  g_auto(GStrv) groups = NULL;
  guint per_level[BD_N_LEVELS] = { 0 };

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  groups = g_key_file_get_groups (keyfile, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *level_text = g_key_file_get_string (keyfile, group, "level", NULL);
      g_auto(GStrv) aliases = g_key_file_get_string_list (keyfile, group, "aliases", NULL, NULL);
      g_auto(GStrv) domains = g_key_file_get_string_list (keyfile, group, "domains", NULL, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      BdLevel level;

      g_assert_nonnull (level_text);
      g_assert_true (bd_level_parse (level_text, &level, NULL));
      g_assert_cmpint (level, !=, BD_LEVEL_UNSET);
      per_level[level]++;

      g_ptr_array_add (names, (gpointer)group);
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        g_ptr_array_add (names, aliases[j]);

      for (guint j = 0; j < names->len; j++)
        {
          const char *text = g_ptr_array_index (names, j);
          g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
          char *folded = g_utf8_casefold (nfkc, -1);
          const char *other = g_hash_table_lookup (claimed, folded);

          if (other != NULL)
            g_error ("“%s” is claimed by both %s and %s", text, other, group);
          g_hash_table_insert (claimed, folded, g_strdup (group));

          assert_lookup (registry, text, group, level);
        }

      for (guint j = 0; domains != NULL && domains[j] != NULL; j++)
        {
          g_autofree char *url = g_strdup_printf ("https://%s/", domains[j]);
          g_autofree char *sub = g_strdup_printf ("http://sub.%s/index.html", domains[j]);
          g_autofree char *key = g_strconcat ("domain:", domains[j], NULL);
          const char *other = g_hash_table_lookup (claimed, key);

          if (other != NULL)
            g_error ("“%s” is claimed by both %s and %s", domains[j], other, group);
          g_hash_table_insert (claimed, g_steal_pointer (&key), g_strdup (group));

          assert_lookup (registry, domains[j], group, level);
          assert_lookup (registry, url, group, level);
          assert_lookup (registry, sub, group, level);
        }
    }

  g_assert_cmpuint (per_level[BD_LEVEL_NATIONAL], >=, 10);
  g_assert_cmpuint (per_level[BD_LEVEL_PROVINCIAL], >=, 5);
  g_assert_cmpuint (per_level[BD_LEVEL_MUNICIPAL], >=, 5);
}

typedef struct
{
  const char *id;
  const char *contents;
  const char *mentions;   /* besides the file name, NULL if nothing */
} BadFile;

static const BadFile bad_files[] = {
  { "no-group", "level=national\n", NULL },
  { "not-key-value", "[人民日报]\nlevel national\n", NULL },
  { "bad-level", "[人民日报]\nlevel=county\n", "人民日报" },
  { "bad-level-later", "[甲报]\nlevel=national\n[乙报]\nlevel=县级\n", "乙报" },
  { "no-level", "[人民日报]\naliases=人民网;\n", "人民日报" },
  { "unknown-key", "[人民日报]\nlevel=national\nalias=人民网;\n", "alias" },
  { "bad-domain", "[人民日报]\nlevel=national\ndomains=people com cn;\n", "people com cn" },
  { "url-path-not-domain", "[人民日报]\nlevel=national\ndomains=localhost;\n", "localhost" },
  { "blank-name", "[ ]\nlevel=national\n", NULL },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autoptr(GPtrArray) outlets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("baodao-outlets-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bad-outlets.ini", NULL);
  g_assert_true (g_file_set_contents (path, bad->contents, -1, &error));
  g_assert_no_error (error);

  g_assert_false (bd_outlet_registry_load_file (registry, path, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (bad->mentions != NULL)
    g_assert_nonnull (strstr (error->message, bad->mentions));

  /* A file is taken whole or not at all. */
  outlets = bd_outlet_registry_list (registry);
  g_assert_cmpuint (outlets->len, ==, 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_missing_file (void)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (bd_outlet_registry_load_file (registry, "/nonexistent/outlets.ini", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_empty_lists (void)
{
  g_autoptr(BdOutletRegistry) registry = bd_outlet_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baodao-outlets-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "outlets.ini", NULL);

  g_assert_true (g_file_set_contents (path,
                                      "# a comment\n"
                                      "[某报]\nlevel=市级\naliases=;\ndomains=\n"
                                      "[另一报]\nlevel=provincial\naliases= 别名一 ;;别名二\n",
                                      -1, NULL));
  g_assert_true (bd_outlet_registry_load_file (registry, path, &error));
  g_assert_no_error (error);

  assert_lookup (registry, "某报", "某报", BD_LEVEL_MUNICIPAL);
  assert_lookup (registry, "别名一", "另一报", BD_LEVEL_PROVINCIAL);
  assert_lookup (registry, "别名二", "另一报", BD_LEVEL_PROVINCIAL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("BAODAO_DATADIR"));
  g_autofree char *path = NULL;
  g_autofree char *installed = NULL;

  g_setenv ("BAODAO_DATADIR", "/opt/baodao-data", TRUE);
  path = bd_outlet_registry_default_path ();
  g_assert_cmpstr (path, ==, "/opt/baodao-data/outlets.ini");

  g_unsetenv ("BAODAO_DATADIR");
  installed = bd_outlet_registry_default_path ();
  g_assert_cmpstr (installed, ==, PKGDATADIR "/outlets.ini");

  if (saved != NULL)
    g_setenv ("BAODAO_DATADIR", saved, TRUE);
}

#define N_THREADS 4
#define N_ROUNDS 500

static gpointer
lookup_thread (gpointer data)
{
  BdOutletRegistry *registry = data;

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      const char *name = NULL;
      BdLevel level;

      g_assert_true (bd_outlet_registry_lookup (registry, "https://news.cnhubei.com/a", &name,
                                                &level));
      g_assert_cmpstr (name, ==, "荆楚网");
      g_assert_true (bd_outlet_registry_find_in_text (registry, "十堰日报 第1版", 20, &name,
                                                      &level));
      g_assert_cmpstr (name, ==, "十堰日报");
      g_assert_cmpint (level, ==, BD_LEVEL_MUNICIPAL);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(BdOutletRegistry) registry = load_shipped ();
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, registry);

  /* Editing while the workers read: new local outlets must not disturb their answers. */
  for (guint i = 0; i < N_ROUNDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("本地网站%u", i);
      g_autofree char *domain = g_strdup_printf ("site%u.example.cn", i);
      const char *domains[] = { domain, NULL };

      bd_outlet_registry_add (registry, name, BD_LEVEL_MUNICIPAL, NULL, domains, TRUE);
    }

  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  assert_lookup (registry, "https://site42.example.cn/", "本地网站42", BD_LEVEL_MUNICIPAL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lookup_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/outlets/lookup/%s", lookup_cases[i].id);

      g_test_add_data_func (path, &lookup_cases[i], test_lookup);
    }

  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/outlets/find-in-text/%s", find_cases[i].id);

      g_test_add_data_func (path, &find_cases[i], test_find_in_text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/outlets/bad-file/%s", bad_files[i].id);

      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }

  g_test_add_func ("/core/outlets/lookup-optional-out", test_lookup_optional_out);
  g_test_add_func ("/core/outlets/find-in-text-max-chars", test_find_in_text_max_chars);
  g_test_add_func ("/core/outlets/find-in-text-longest", test_find_in_text_longest);
  g_test_add_func ("/core/outlets/local/level-override", test_local_level_override);
  g_test_add_func ("/core/outlets/local/new-outlet", test_local_new_outlet);
  g_test_add_func ("/core/outlets/get-outlet", test_get_outlet);
  g_test_add_func ("/core/outlets/swap", test_swap);
  g_test_add_func ("/core/outlets/local/takes-keys", test_local_takes_keys);
  g_test_add_func ("/core/outlets/check-domains", test_check_domains);
  g_test_add_func ("/core/outlets/local/before-shipped", test_local_before_shipped);
  g_test_add_func ("/core/outlets/later-shipped-wins", test_later_shipped_wins);
  g_test_add_func ("/core/outlets/list", test_list);
  g_test_add_func ("/core/outlets/outlet-properties", test_outlet_properties);
  g_test_add_func ("/core/outlets/normalize-domain", test_normalize_domain);
  g_test_add_func ("/core/outlets/shipped-file", test_shipped_file);
  g_test_add_func ("/core/outlets/missing-file", test_missing_file);
  g_test_add_func ("/core/outlets/empty-lists", test_empty_lists);
  g_test_add_func ("/core/outlets/default-path", test_default_path);
  g_test_add_func ("/core/outlets/threads", test_threads);

  return g_test_run ();
}
