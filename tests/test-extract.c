/* test-extract.c
 *
 * Copyright 2026 The Baodao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <poppler.h>

#include "bd-error.h"
#include "bd-extract.h"
#include "bd-extract-private.h"
#include "bd-test-fixtures.h"

#define P1 "近日，竹溪县委宣传部组织开展基层党建工作观摩活动，全县各乡镇党委书记、县直单位负责人参加。" \
           "观摩组先后走访了水坪镇、蒋家堰镇等地的村级党群服务中心，实地察看党建引领乡村振兴的经验做法。"
#define P2 "活动中，大家一致认为，要以高质量党建引领高质量发展，持续深化能力作风建设，推动各项工作落地见效。" \
           "今年以来，全县GDP增长8.2%，新建5G基站152个，the Belt and Road Initiative 带来新的机遇。"
#define P3 "下一步，竹溪县将聚焦“一主两翼”发展布局，深入实施“1+N”帮扶机制，让群众得到更多实惠。"

static const char *const paragraphs[] = { P1, P2, P3, NULL };

/* Helpers. */

static BdExtraction *
extract_bytes (GBytes      *bytes,
               const char  *file_name,
               GError     **error)
{
  return bd_extract (bytes, file_name, NULL, error);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, haystack);
}

static void
assert_error (GBytes     *bytes,
              const char *file_name,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (bytes, file_name, &error);

  g_assert_null (extraction);
  g_assert_error (error, BD_ERROR, code);
  assert_contains (error->message, file_name);
}

/* Shared text helpers. */

static void
test_tidy (void)
{
  static const struct {
    const char *raw;
    const char *tidy;
  } cases[] = {
    { "党\r建", "党建" },
    { "全县\rGDP增长", "全县GDP增长" },
    { "Belt and\rRoad", "Belt and Road" },
    { "数据，\r2023年", "数据，2023年" },
    { "  a \t  b  ", "a b" },
    { "\n\n 第一段 \n\n\n 第二段\n", "第一段\n第二段" },
    { "湖北日报\xe3\x80\x80\xe3\x80\x80要闻", "湖北日报 要闻" },
    { "党\xe2\x80\x8b建", "党建" },
    { "\xc2\xa0\xc2\xa0正文", "正文" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tidy = bd_extract_tidy_text (cases[i].raw);

      g_assert_cmpstr (tidy, ==, cases[i].tidy);
    }
}

static void
test_join_lines (void)
{
  static const struct {
    const char *lines;
    const char *text;
  } cases[] = {
    /* wraps inside words, in Chinese and in Latin */
    { "竹溪县委宣传部组织开展基层党\n建工作观摩活动全县各乡镇党委书\n记参加",
      "竹溪县委宣传部组织开展基层党建工作观摩活动全县各乡镇党委书记参加" },
    { "the county launched the Belt and\nRoad Initiative projects this year\nwith partners",
      "the county launched the Belt and Road Initiative projects this year with partners" },
    /* a sentence ends the paragraph, even behind a closing quote */
    { "竹溪县委宣传部组织开展基层党建工作。\n观摩组先后走访了水坪镇蒋家堰镇等地\n的服务中心",
      "竹溪县委宣传部组织开展基层党建工作。\n观摩组先后走访了水坪镇蒋家堰镇等地的服务中心" },
    { "他说：“要以高质量党建引领发展。”\n观摩组先后走访了水坪镇蒋家堰镇等地\n的服务中心",
      "他说：“要以高质量党建引领发展。”\n观摩组先后走访了水坪镇蒋家堰镇等地的服务中心" },
    /* a short line is a heading or a paragraph's end */
    { "湖北日报\n竹溪县委宣传部组织开展基层党建工作观\n摩活动全县各乡镇党委书记参加活动会议\n短行\n"
      "竹溪县委宣传部组织开展基层党建工作观",
      "湖北日报\n竹溪县委宣传部组织开展基层党建工作观摩活动全县各乡镇党委书记参加活动会议短行\n"
      "竹溪县委宣传部组织开展基层党建工作观" },
    /* an indented line starts a paragraph */
    { "竹溪县委宣传部组织开展基层党建工作观\n\xe3\x80\x80\xe3\x80\x80摩活动全县各乡镇党委书记参加活动",
      "竹溪县委宣传部组织开展基层党建工作观\n摩活动全县各乡镇党委书记参加活动" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *joined = bd_extract_join_pdf_lines (cases[i].lines);
      g_autofree char *text = bd_extract_tidy_text (joined);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_find_date (void)
{
  static const struct {
    const char *text;
    const char *date;
  } cases[] = {
    { "湖北日报 2023年5月12日 星期五 第3版", "2023-05-12" },
    { "发布时间：2023-08-15 09:12 来源：湖北日报", "2023-08-15" },
    { "２０２３年８月１５日", "2023-08-15" },
    { "编号20230815，电话12345678", NULL },
    { "共152个基站，1234-56-78", NULL },
    { "2023年度工作要点 2023/8/5", "2023-08-05" },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = bd_extract_find_date (cases[i].text, strlen (cases[i].text));

      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_find_outlet (void)
{
  static const struct {
    const char *text;
    const char *outlet;
  } cases[] = {
    { "来源：湖北日报 作者：张三", "湖北日报" },
    { "来源: 人民网-人民日报 2023-08-15", "人民网-人民日报" },
    { "来源：荆楚网作者：李四", "荆楚网" },
    { "来源：十堰发布 2023-08-15 09:12", "十堰发布" },
    { "来源：十堰日报发布时间：2023-08-15", "十堰日报" },
    { "文章来源：竹溪县融媒体中心2023-08-15 09:12", "竹溪县融媒体中心" },
    { "来源：【十堰日报】", NULL },
    { "数据来源于统计局。来源：十堰晚报|编辑：王五", "十堰晚报" },
    { "来源：\n正文", NULL },
    { "没有署名", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *outlet = bd_extract_find_outlet (cases[i].text);

      g_assert_cmpstr (outlet, ==, cases[i].outlet);
    }
}

static void
test_clean_title (void)
{
  static const struct {
    const char *title;
    const char *clean;
  } cases[] = {
    { "竹溪县召开基层党建工作推进会", "竹溪县召开基层党建工作推进会" },
    { "  竹溪县召开\n基层党建工作推进会 ", "竹溪县召开 基层党建工作推进会" },
    { "Microsoft Word - 稿件.doc", NULL },
    { "Microsoft PowerPoint - 汇报", NULL },
    { "untitled", NULL },
    { "无标题文档", NULL },
    { "C:\\Users\\admin\\Desktop\\稿件", NULL },
    { "20230512-03.indd", NULL },
    { "report-0512", NULL },
    { "2023-05-12", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = bd_extract_clean_title (cases[i].title, "/tmp/report-0512.pdf");

      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

/* Sniffing. */

typedef struct
{
  const char *name;
  const char *data;
  gsize       len;
  const char *media_type;
} SniffCase;

#define SNIFF(name, literal, type) { name, literal, sizeof (literal) - 1, type }

static const SniffCase sniff_cases[] = {
  SNIFF ("pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BD_MEDIA_TYPE_PDF),
  SNIFF ("pdf-after-junk", "From: scanner@example.com\r\n\r\n%PDF-1.4\n", BD_MEDIA_TYPE_PDF),
  SNIFF ("doctype", "<!DOCTYPE html>\n<html lang=\"zh-CN\">", BD_MEDIA_TYPE_HTML),
  SNIFF ("upper-case", "\r\n  <HTML>\n<HEAD>", BD_MEDIA_TYPE_HTML),
  SNIFF ("utf8-bom", "\xef\xbb\xbf<html>", BD_MEDIA_TYPE_HTML),
  SNIFF ("utf16-bom", "\xff\xfe<\0h\0t\0m\0l\0>\0", BD_MEDIA_TYPE_HTML),
  SNIFF ("saved-from", "<!-- saved from url=(0022)http://example.com/ -->\n", BD_MEDIA_TYPE_HTML),
  SNIFF ("comment-first", "<!-- 2023 TRS -->\n<html>", BD_MEDIA_TYPE_HTML),
  SNIFF ("xhtml", "<?xml version=\"1.0\" encoding=\"gbk\"?>\n<!DOCTYPE html PUBLIC", BD_MEDIA_TYPE_HTML),
  SNIFF ("head", "<head><meta charset=\"gbk\">", BD_MEDIA_TYPE_HTML),
  SNIFF ("meta", "<meta http-equiv=\"Content-Type\" content=\"text/html\">", BD_MEDIA_TYPE_HTML),
  SNIFF ("body", "<body>正文</body>", BD_MEDIA_TYPE_HTML),
  SNIFF ("png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", NULL),
  SNIFF ("zip", "PK\x03\x04\x14\0\x06\0", NULL),
  SNIFF ("jpeg", "\xff\xd8\xff\xe0\0\x10JFIF", NULL),
  SNIFF ("text", "竹溪县召开基层党建工作推进会", NULL),
  SNIFF ("svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">", NULL),
  SNIFF ("htmlish-word", "<htmlx>", NULL),
  SNIFF ("pdf-word", "the %PDF- marker", NULL),
  SNIFF ("empty", "", NULL),
};

static void
test_sniff (gconstpointer data)
{
  const SniffCase *sniff = data;

  g_assert_cmpstr (bd_sniff_media_type ((const guint8 *) sniff->data, sniff->len), ==,
                   sniff->media_type);
}

static void
test_sniff_late_pdf_header (void)
{
  g_autofree char *data = g_strnfill (2000, 'x');

  memcpy (data + 1500, "%PDF-1.4", 8);
  g_assert_null (bd_sniff_media_type ((const guint8 *) data, 2000));
}

static void
test_unsupported (void)
{
  guint8 random_bytes[4096];
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  struct {
    const char *name;
    const char *data;
    gsize       len;
  } cases[] = {
#define LITERAL(s) s, sizeof (s) - 1
    { "图片.png", LITERAL ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR") },
    { "稿件.docx", LITERAL ("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0") },
    { "空文件.html", LITERAL ("") },
    { "说明.txt", LITERAL ("竹溪县召开基层党建工作推进会") },
#undef LITERAL
    { "random.pdf", (const char *) random_bytes, sizeof random_bytes },
  };

  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = g_rand_int_range (rand, 0, 256);
  /* no accidental markers */
  random_bytes[0] = 0x01;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].len);

      assert_error (bytes, cases[i].name, BD_ERROR_UNSUPPORTED);
    }
}

/* PDF. */

static void
test_pdf_text (void)
{
  static const char *const pages[] = { P1, P2, P3, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (pdf, "report.pdf", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (extraction->media_type, ==, BD_MEDIA_TYPE_PDF);
  g_assert_cmpuint (extraction->n_pages, ==, 3);
  g_assert_null (extraction->source_url);

  /* every paragraph whole, however Pango wrapped it, and each on its own line */
  for (guint i = 0; paragraphs[i] != NULL; i++)
    assert_contains (extraction->text, paragraphs[i]);
  assert_contains (extraction->text, P1 "\n" P2 "\n" P3);
}

/* Pango breaks this paragraph between 党 and 建: the raw text must show it does, and the
 * extraction must not. */
static void
test_pdf_rejoin (void)
{
  static const char prefix[] = "竹溪县委宣传部近日组织全县乡镇党委书记和县直单位负责人开展";
  static const char *const pages[] = {
    "竹溪县委宣传部近日组织全县乡镇党委书记和县直单位负责人开展党建工作观摩活动，大家一致认为要持续深化能力作风建设。",
    NULL,
  };
  BdSamplePdf spec = { .pages = pages, .chars_per_line = 30 };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *raw = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, 29);

  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, 0);
  raw = poppler_page_get_text (page);
  g_object_unref (page);
  g_object_unref (document);
  assert_contains (raw, "党\n建");

  extraction = extract_bytes (pdf, "rejoin.pdf", &error);
  g_assert_no_error (error);
  assert_contains (extraction->text, "党建工作观摩活动");
  assert_lacks (extraction->text, "\n");
}

static void
test_pdf_info (void)
{
  static const char *const pages[] = { P1, P2, NULL };
  BdSamplePdf spec = {
    .title = "竹溪县召开基层党建工作推进会",
    .created = "2023-05-20T10:00:00",
    .pages = pages,
  };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (pdf, "info.pdf", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (extraction->title, ==, "竹溪县召开基层党建工作推进会");
  g_assert_cmpstr (extraction->date, ==, "2023-05-20");
  g_assert_null (extraction->outlet);
}

static void
test_pdf_epaper (void)
{
  static const char *const pages[] = { "来源：湖北日报 记者 王五 通讯员 李六\n" P1, P2, NULL };
  BdSamplePdf spec = {
    .title = "Microsoft Word - 竹溪稿件.doc",
    .created = "2023-06-01T08:30:00",
    .header = "湖北日报 2023年5月12日 星期五 第3版",
    .heading = "竹溪：党建引领乡村振兴",
    .pages = pages,
  };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (pdf, "0512-03.pdf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (extraction->n_pages, ==, 2);
  /* the junk info title gives way to the printed heading, the PDF's making to the paper's date */
  g_assert_cmpstr (extraction->title, ==, "竹溪：党建引领乡村振兴");
  g_assert_cmpstr (extraction->date, ==, "2023-05-12");
  g_assert_cmpstr (extraction->outlet, ==, "湖北日报");
  assert_contains (extraction->text, "湖北日报 2023年5月12日 星期五 第3版\n竹溪：党建引领乡村振兴\n");
  assert_contains (extraction->text, P1);
}

/* A title that wraps over two lines is still the whole title, though its first line is as short
 * as a paragraph's last. */
static void
test_pdf_wrapped_heading (void)
{
  static const char heading[] =
    "竹溪县四十九个重点项目集中开工总投资二十九点九六亿元助力县域经济高质量发展再上新台阶";
  static const char *const pages[] = { P1 "\n" P2, NULL };
  BdSamplePdf spec = {
    .title = "wrapped.pdf",
    .heading = heading,
    .pages = pages,
  };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *first_line = NULL;

  /* the case only means something if the heading really wraps */
  document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  raw = poppler_page_get_text (POPPLER_PAGE (page));
  first_line = g_strndup (raw, strcspn (raw, "\n"));
  g_assert_cmpuint (strlen (first_line), <, strlen (heading));
  g_assert_true (g_str_has_prefix (heading, first_line));

  extraction = extract_bytes (pdf, "wrapped.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (extraction->title, ==, heading);
}

static void
test_pdf_long (void)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  BdSamplePdf spec = { .chars_per_line = 36 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  /* one page of text flows over several */
  g_ptr_array_add (pages, g_strjoin ("\n", P1, P2, P3, P1, P2, P3, P1, P2, P3, P1, P2, P3,
                                     P1, P2, P3, P1, P2, P3, NULL));
  g_ptr_array_add (pages, NULL);
  spec.pages = (const char *const *) pages->pdata;
  pdf = bd_sample_pdf_bytes (&spec);

  extraction = extract_bytes (pdf, "long.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extraction->n_pages, >, 1);
  assert_contains (extraction->text, P1 "\n" P2 "\n" P3);
}

static void
test_pdf_named_html (void)
{
  static const char *const pages[] = { P1, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autofree char *dir = bd_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "报道.html", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  g_assert_true (bd_sample_write_pdf (path, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

  extraction = extract_bytes (bytes, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (extraction->media_type, ==, BD_MEDIA_TYPE_PDF);
  assert_contains (extraction->text, P1);

  _bd_remove_tree (dir);
}

static void
test_pdf_leading_junk (void)
{
  static const char *const pages[] = { P1, NULL };
  static const char junk[] = "Content-Type: application/pdf\r\nContent-Length: 12345\r\n\r\n";
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GByteArray) joined = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  g_byte_array_append (joined, (const guint8 *) junk, strlen (junk));
  g_byte_array_append (joined, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&joined));

  extraction = extract_bytes (bytes, "mail.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (extraction->media_type, ==, BD_MEDIA_TYPE_PDF);
  assert_contains (extraction->text, P1);
}

static GBytes *
encrypt_pdf (GBytes     *pdf,
             const char *user_password)
{
  g_autofree char *dir = bd_test_make_tmp_dir ();
  g_autofree char *in = g_build_filename (dir, "in.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  int status;
  const char *argv[] = {
    "qpdf", "--encrypt", user_password, "owner-secret", "256", "--", in, out, NULL,
  };

  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, &len, &error));

  _bd_remove_tree (dir);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
test_pdf_encrypted (void)
{
  static const char *const pages[] = { P1, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GBytes) locked = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed (build-aux/install-deps installs it)");
      return;
    }

  locked = encrypt_pdf (pdf, "user-secret");
  assert_error (locked, "locked.pdf", BD_ERROR_ENCRYPTED);
}

/* Many official PDFs forbid copying with an owner password only: they open without one,
 * and their text is ours to index. */
static void
test_pdf_owner_password (void)
{
  static const char *const pages[] = { P1, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GBytes) restricted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed (build-aux/install-deps installs it)");
      return;
    }

  restricted = encrypt_pdf (pdf, "");
  extraction = extract_bytes (restricted, "restricted.pdf", &error);
  g_assert_no_error (error);
  assert_contains (extraction->text, P1);
}

static void
test_pdf_truncated (void)
{
  static const char *const pages[] = { P1, P2, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
  g_autoptr(GBytes) header_only = g_bytes_new_static ("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", 15);

  assert_error (half, "truncated.pdf", BD_ERROR_DAMAGED);
  assert_error (header_only, "header.pdf", BD_ERROR_DAMAGED);
}

static void
test_pdf_image_only (void)
{
  static const char *const pages[] = { "", "", NULL };
  BdSamplePdf spec = { .pages = pages, .image_only = TRUE, .title = "扫描件" };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);

  assert_error (pdf, "scan.pdf", BD_ERROR_EMPTY);
}

/* HTML. */

static BdSampleHtml
standard_page (void)
{
  static const char *const page_paragraphs[] = { P1, P2, P3, NULL };
  BdSampleHtml spec = {
    .title = "竹溪县召开基层党建工作推进会_要闻_荆楚网",
    .heading = "竹溪县召开基层党建工作推进会",
    .source = "湖北日报",
    .byline_date = "2023-08-15 09:12",
    .paragraphs = page_paragraphs,
    .declared = "utf-8",
  };

  return spec;
}

static BdExtraction *
extract_page (const BdSampleHtml *spec)
{
  g_autoptr(GBytes) bytes = bd_sample_html_bytes (spec);
  g_autoptr(GError) error = NULL;
  BdExtraction *extraction = extract_bytes (bytes, "page.html", &error);

  g_assert_no_error (error);
  g_assert_nonnull (extraction);
  g_assert_cmpstr (extraction->media_type, ==, BD_MEDIA_TYPE_HTML);
  g_assert_cmpuint (extraction->n_pages, ==, 0);

  return extraction;
}

typedef struct
{
  const char *name;
  const char *encoding;
  const char *declared;
  gboolean    http_equiv;
  gboolean    bom;
} CharsetCase;

static const CharsetCase charset_cases[] = {
  { "utf8-meta", NULL, "utf-8", FALSE, FALSE },
  { "utf8-undeclared", NULL, NULL, FALSE, FALSE },
  { "utf8-bom", NULL, NULL, FALSE, TRUE },
  { "utf8-declared-gbk", NULL, "gbk", FALSE, FALSE },
  { "gbk-gb2312", "GBK", "gb2312", FALSE, FALSE },
  { "gbk-http-equiv", "GBK", "GBK", TRUE, FALSE },
  { "gbk-x-gbk", "GBK", "x-gbk", FALSE, FALSE },
  { "gbk-undeclared", "GBK", NULL, FALSE, FALSE },
  { "gbk-declared-utf8", "GBK", "utf-8", FALSE, FALSE },
  { "gbk-declared-latin1", "GBK", "iso-8859-1", TRUE, FALSE },
  { "gb18030", "GB18030", "gb18030", FALSE, FALSE },
  { "utf16-bom", "UTF-16LE", NULL, FALSE, TRUE },
};

static void
test_html_charset (gconstpointer data)
{
  const CharsetCase *charset = data;
  BdSampleHtml spec = standard_page ();
  g_autoptr(BdExtraction) extraction = NULL;

  spec.encoding = charset->encoding;
  spec.declared = charset->declared;
  spec.http_equiv = charset->http_equiv;
  spec.bom = charset->bom;

  extraction = extract_page (&spec);
  g_assert_cmpstr (extraction->title, ==, "竹溪县召开基层党建工作推进会");
  g_assert_cmpstr (extraction->outlet, ==, "湖北日报");
  g_assert_cmpstr (extraction->date, ==, "2023-08-15");
  for (guint i = 0; paragraphs[i] != NULL; i++)
    assert_contains (extraction->text, paragraphs[i]);
}

static void
test_html_chrome (void)
{
  BdSampleHtml spec = standard_page ();
  g_autoptr(BdExtraction) extraction = extract_page (&spec);

  for (guint i = 0; bd_sample_html_chrome_words[i] != NULL; i++)
    assert_lacks (extraction->text, bd_sample_html_chrome_words[i]);
  assert_lacks (extraction->text, "document.write");
  /* the source wraps each paragraph in the middle, with indentation */
  assert_contains (extraction->text, P1 "\n" P2 "\n" P3);
}

typedef struct
{
  const char        *name;
  const char        *og_title;
  const char        *heading;
  const char        *title;
  const char        *expected;
} TitleCase;

static const TitleCase title_cases[] = {
  { "og-title", "竹溪：党建引领乡村振兴", "竹溪县召开推进会", "竹溪县召开推进会_荆楚网",
    "竹溪：党建引领乡村振兴" },
  { "heading", NULL, "竹溪县召开基层党建工作推进会", "竹溪县召开推进会_荆楚网",
    "竹溪县召开基层党建工作推进会" },
  { "title-dash", NULL, NULL, "竹溪县召开基层党建工作推进会 - 荆楚网",
    "竹溪县召开基层党建工作推进会" },
  { "title-underscores", NULL, NULL, "竹溪县召开基层党建工作推进会_要闻_湖北日报",
    "竹溪县召开基层党建工作推进会" },
  { "title-bar", NULL, NULL, "竹溪县召开基层党建工作推进会 | 十堰晚报",
    "竹溪县召开基层党建工作推进会" },
  { "title-plain", NULL, NULL, "竹溪县召开基层党建工作推进会", "竹溪县召开基层党建工作推进会" },
  { "title-junk", NULL, NULL, "无标题文档", NULL },
};

static void
test_html_title (gconstpointer data)
{
  const TitleCase *title = data;
  BdSampleHtml spec = standard_page ();
  g_autoptr(BdExtraction) extraction = NULL;

  spec.og_title = title->og_title;
  spec.heading = title->heading;
  spec.title = title->title;

  extraction = extract_page (&spec);
  g_assert_cmpstr (extraction->title, ==, title->expected);
}

typedef struct
{
  const char *name;
  const char *meta[3];
  const char *byline_date;
  const char *canonical;
  const char *saved_from;
  const char *expected;
} DateCase;

static const DateCase date_cases[] = {
  { "meta-pubdate", { "PubDate", "2023-07-01 10:00", NULL }, "2023-08-15 09:12", NULL, NULL,
    "2023-07-01" },
  { "meta-publishdate", { "publishdate", "2023-07-03", NULL }, NULL, NULL, NULL, "2023-07-03" },
  { "meta-article", { "article:published_time", "2023-07-02T08:00:00+08:00", NULL }, NULL, NULL,
    NULL, "2023-07-02" },
  { "meta-og-release", { "og:release_date", "2023/7/4", NULL }, NULL, NULL, NULL, "2023-07-04" },
  { "meta-dc", { "DC.Date", "2023-07-05", NULL }, NULL, NULL, NULL, "2023-07-05" },
  { "meta-firstpublished", { "firstpublishedtime", "2023-07-06-09:12:30", NULL }, NULL, NULL,
    NULL, "2023-07-06" },
  { "meta-junk", { "PubDate", "unknown", NULL }, "2023-08-15 09:12", NULL, NULL, "2023-08-15" },
  { "byline-iso", { NULL }, "2023-08-15 09:12", NULL, NULL, "2023-08-15" },
  { "byline-chinese", { NULL }, "2023年08月15日 09:12", NULL, NULL, "2023-08-15" },
  { "url-xinhua", { NULL }, NULL, "http://www.news.cn/local/2023-08/16/c_1129807285.htm", NULL,
    "2023-08-16" },
  { "url-people", { NULL }, NULL, "http://hb.people.com.cn/n2/2023/0817/c194063-40531234.html",
    NULL, "2023-08-17" },
  { "url-trs", { NULL }, NULL, "http://www.zhuxi.gov.cn/xwzx/zxyw/202308/t20230818_4321.shtml",
    NULL, "2023-08-18" },
  { "url-compact", { NULL }, NULL, NULL, "https://www.cnhubei.com/20230819/news.html",
    "2023-08-19" },
  { "url-month-day", { NULL }, NULL, "https://news.example.cn/202308/20/article.html", NULL,
    "2023-08-20" },
  { "none", { NULL }, NULL, "https://www.cnhubei.com/content/123456.html", NULL, NULL },
};

static void
test_html_date (gconstpointer data)
{
  const DateCase *date = data;
  BdSampleHtml spec = standard_page ();
  g_autoptr(BdExtraction) extraction = NULL;

  spec.meta = date->meta;
  spec.byline_date = date->byline_date;
  spec.canonical = date->canonical;
  spec.saved_from = date->saved_from;

  extraction = extract_page (&spec);
  g_assert_cmpstr (extraction->date, ==, date->expected);
}

typedef struct
{
  const char *name;
  const char *source;
  const char *meta[5];
  const char *canonical;
  const char *expected;
} OutletCase;

static const OutletCase outlet_cases[] = {
  { "byline", "湖北日报", { "og:site_name", "荆楚网", NULL }, NULL, "湖北日报" },
  { "byline-compound", "人民网-湖北频道", { NULL }, NULL, "人民网-湖北频道" },
  { "meta-source", NULL, { "source", "十堰晚报", "og:site_name", "荆楚网", NULL }, NULL,
    "十堰晚报" },
  { "meta-trs", NULL, { "ContentSource", "竹溪县融媒体中心", NULL }, NULL, "竹溪县融媒体中心" },
  { "site-name", NULL, { "og:site_name", "荆楚网", NULL }, NULL, "荆楚网" },
  { "host", NULL, { NULL }, "https://www.cnhubei.com/content/2023-08/15/content_1.html",
    "www.cnhubei.com" },
  { "none", NULL, { NULL }, NULL, NULL },
};

static void
test_html_outlet (gconstpointer data)
{
  const OutletCase *outlet = data;
  BdSampleHtml spec = standard_page ();
  g_autoptr(BdExtraction) extraction = NULL;

  spec.source = outlet->source;
  spec.meta = outlet->meta;
  spec.canonical = outlet->canonical;

  extraction = extract_page (&spec);
  g_assert_cmpstr (extraction->outlet, ==, outlet->expected);
}

typedef struct
{
  const char *name;
  const char *canonical;
  const char *og_url;
  const char *saved_from;
  const char *expected;
} UrlCase;

static const UrlCase url_cases[] = {
  { "canonical", "https://www.cnhubei.com/content/a.html", "https://m.cnhubei.com/a.html",
    "https://www.cnhubei.com/content/a.html?from=timeline", "https://www.cnhubei.com/content/a.html" },
  { "og-url", NULL, "https://m.cnhubei.com/a.html", NULL, "https://m.cnhubei.com/a.html" },
  { "saved-from", NULL, NULL, "http://www.shiyan.gov.cn/xwdt/202308/t20230815_1.shtml",
    "http://www.shiyan.gov.cn/xwdt/202308/t20230815_1.shtml" },
  { "relative-canonical", "/xwdt/202308/t20230815_1.shtml", NULL,
    "http://www.shiyan.gov.cn/xwdt/202308/t20230815_1.shtml?id=3",
    "http://www.shiyan.gov.cn/xwdt/202308/t20230815_1.shtml" },
  { "not-web", "file:///C:/Users/a.html", NULL, NULL, NULL },
  { "none", NULL, NULL, NULL, NULL },
};

static void
test_html_source_url (gconstpointer data)
{
  const UrlCase *url = data;
  BdSampleHtml spec = standard_page ();
  const char *meta[] = { "og:url", url->og_url, NULL };
  g_autoptr(BdExtraction) extraction = NULL;

  spec.canonical = url->canonical;
  spec.saved_from = url->saved_from;
  spec.meta = url->og_url != NULL ? meta : NULL;

  extraction = extract_page (&spec);
  g_assert_cmpstr (extraction->source_url, ==, url->expected);
}

static void
test_html_deep_nesting (void)
{
  GString *html = g_string_new ("<html><body><p>前面的文字</p>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "深处的文字");
  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "<p>竹溪县召开基层党建工作推进会</p></body></html>");
  bytes = g_string_free_to_bytes (html);

  /* libxml2 stops at its depth limit; what came before is still there */
  extraction = extract_bytes (bytes, "deep.html", &error);
  g_assert_no_error (error);
  assert_contains (extraction->text, "前面的文字");
}

/* libxml2's HTML parser does not know <embed> is empty, so the rest of the page ends up inside
 * it; the page's text must not be lost with it. */
static void
test_html_embed (void)
{
  static const char html[] =
    "<html><head><meta charset=\"utf-8\"><title>竹溪新闻</title></head><body>"
    "<embed src=\"http://192.0.2.1/player.swf\" type=\"application/x-shockwave-flash\">"
    "<div class=\"article\"><h1>竹溪县召开基层党建工作推进会</h1>"
    "<p>近日，竹溪县召开基层党建工作推进会，全县各乡镇党委书记参加。</p></div>"
    "</body></html>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, sizeof html - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (bytes, "embed.html", &error);

  g_assert_no_error (error);
  assert_contains (extraction->text, "近日，竹溪县召开基层党建工作推进会，全县各乡镇党委书记参加。");
}

static void
test_html_nul_bytes (void)
{
  BdSampleHtml spec = standard_page ();
  g_autoptr(GBytes) clean = bd_sample_html_bytes (&spec);
  g_autoptr(GByteArray) dirty = g_byte_array_new ();
  const guint8 *data;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  /* every 37th byte a NUL, in the middle of characters too */
  data = g_bytes_get_data (clean, &len);
  for (gsize i = 0; i < len; i++)
    {
      if (i % 37 == 36)
        g_byte_array_append (dirty, (const guint8 *) "\0", 1);
      g_byte_array_append (dirty, data + i, 1);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&dirty));

  extraction = extract_bytes (bytes, "nul.html", &error);
  g_assert_no_error (error);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    assert_contains (extraction->text, paragraphs[i]);
}

static void
test_html_empty (void)
{
  static const char *const pages[] = {
    "<html><head><title>空</title><script>var a = 1;</script></head><body>\n  \n</body></html>",
    "<!DOCTYPE html><html><body><style>p{}</style><div style=\"display: none\">隐藏</div></body>",
    "<html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (pages[i], strlen (pages[i]));

      assert_error (bytes, "empty.html", BD_ERROR_EMPTY);
    }
}

static void
test_html_malformed (void)
{
  static const char page[] =
    "<html><head><meta charset=gbk><title>残缺页面</title><body><div><p>竹溪县召开基层党建"
    "<b>工作推进会<table><tr><td>来源：十堰日报</td><p>2023-08-15</i></span>"
    "<p>后面的文字 &amp; &#x515a;&#24314; &nbsp;&copy;</div></div></body>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (page, strlen (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = extract_bytes (bytes, "broken.html", &error);

  g_assert_no_error (error);
  assert_contains (extraction->text, "竹溪县召开基层党建工作推进会");
  assert_contains (extraction->text, "后面的文字 & 党建 ©");
  g_assert_cmpstr (extraction->title, ==, "残缺页面");
  g_assert_cmpstr (extraction->outlet, ==, "十堰日报");
  g_assert_cmpstr (extraction->date, ==, "2023-08-15");
}

#define BIG_PAGE_MB 40

/* A page of tens of megabytes is read as it streams past, not as a tree. In a child process,
 * so that the peak is this page's alone. */
static void
test_html_bounded_memory (void)
{
  if (g_test_subprocess ())
    {
      GString *html = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                    "<title>很大的网页_荆楚网</title></head><body>"
                                    "<div class=\"nav\"><a href=\"/\">首页</a></div>"
                                    "<div class=\"article\"><h1>竹溪县召开基层党建工作推进会</h1>"
                                    "<p>来源：湖北日报 2023-08-15</p><div class=\"content\">");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(BdExtraction) extraction = NULL;
      g_autoptr(GError) error = NULL;
      struct rusage usage;
      gsize len;

      for (guint i = 0; html->len < BIG_PAGE_MB * 1024 * 1024; i++)
        g_string_append_printf (html, "<p>第%u段：%s</p>\n<p>%s%s</p>\n", i, P1, P2, P3);
      g_string_append (html, "</div></div><div class=\"footer\">版权所有</div></body></html>");
      len = html->len;
      bytes = g_string_free_to_bytes (html);

      extraction = extract_bytes (bytes, "big.html", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (extraction->title, ==, "竹溪县召开基层党建工作推进会");
      g_assert_cmpstr (extraction->outlet, ==, "湖北日报");
      g_assert_cmpstr (extraction->date, ==, "2023-08-15");
      g_assert_true (g_str_has_prefix (extraction->text, "第0段：" P1));
      g_assert_cmpuint (strlen (extraction->text), >, len / 2);

      /* The peak holds the page, the text taken from it (nearly as big), and the parser's
       * small buffers: 92 MB for a 40 MB page, with or without MALLOC_PERTURB_. Building
       * libxml2's tree took about 360 MB. */
      g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
      g_test_message ("peak RSS %ld MB for a %zu MB page", usage.ru_maxrss / 1024,
                      len / 1024 / 1024);
#ifndef UNDER_ASAN
      g_assert_cmpint (usage.ru_maxrss, <, (3 * BIG_PAGE_MB + 32) * 1024);
#endif
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Both extractors run on worker threads, one document each. */

typedef struct
{
  GBytes *bytes;
  char   *expected;
} Job;

static gpointer
extract_in_thread (gpointer data)
{
  Job *job = data;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdExtraction) extraction = extract_bytes (job->bytes, "job", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (extraction->text, ==, job->expected);
    }

  return NULL;
}

static void
test_parallel (void)
{
  static const char *const pages[] = { P1, P2, P3, NULL };
  Job jobs[8];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(BdExtraction) extraction = NULL;
      g_autoptr(GError) error = NULL;

      if (i % 2 == 0)
        {
          BdSamplePdf spec = { .pages = pages, .chars_per_line = 20 + i };

          jobs[i].bytes = bd_sample_pdf_bytes (&spec);
        }
      else
        {
          BdSampleHtml spec = standard_page ();

          spec.encoding = i % 4 == 1 ? "GBK" : NULL;
          spec.declared = NULL;
          jobs[i].bytes = bd_sample_html_bytes (&spec);
        }

      extraction = extract_bytes (jobs[i].bytes, "serial", &error);
      g_assert_no_error (error);
      jobs[i].expected = g_strdup (extraction->text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    threads[i] = g_thread_new ("extract", extract_in_thread, &jobs[i]);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_bytes_unref (jobs[i].bytes);
      g_free (jobs[i].expected);
    }
}

static void
test_cancelled (void)
{
  static const char *const pages[] = { P1, NULL };
  BdSamplePdf spec = { .pages = pages };
  g_autoptr(GBytes) pdf = bd_sample_pdf_bytes (&spec);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BdExtraction) extraction = NULL;

  g_cancellable_cancel (cancellable);
  extraction = bd_extract (pdf, "cancelled.pdf", cancellable, &error);
  g_assert_null (extraction);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Informational, with -m perf: how fast text comes out of a long report. */
static void
test_pdf_speed (void)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  BdSamplePdf spec = { .header = "湖北日报 2023年5月12日 第3版", .heading = "竹溪：党建引领乡村振兴" };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n_pages = 0;
  const guint rounds = 20;

  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (pages, g_strjoin ("\n", P1, P2, P3, P1, P2, P3, P1, P2, NULL));
  g_ptr_array_add (pages, NULL);
  spec.pages = (const char *const *) pages->pdata;
  pdf = bd_sample_pdf_bytes (&spec);

  g_timer_start (timer);
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdExtraction) extraction = extract_bytes (pdf, "speed.pdf", &error);

      g_assert_no_error (error);
      n_pages = extraction->n_pages;
    }
  g_timer_stop (timer);

  g_test_message ("%u-page PDF (%zu KiB): %.1f ms each, %.0f pages/s", n_pages,
                  g_bytes_get_size (pdf) / 1024, g_timer_elapsed (timer, NULL) * 1000 / rounds,
                  n_pages * rounds / g_timer_elapsed (timer, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/extract/text/tidy", test_tidy);
  g_test_add_func ("/core/extract/text/join-lines", test_join_lines);
  g_test_add_func ("/core/extract/text/find-date", test_find_date);
  g_test_add_func ("/core/extract/text/find-outlet", test_find_outlet);
  g_test_add_func ("/core/extract/text/clean-title", test_clean_title);

  for (guint i = 0; i < G_N_ELEMENTS (sniff_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/sniff/%s", sniff_cases[i].name);

      g_test_add_data_func (path, &sniff_cases[i], test_sniff);
    }
  g_test_add_func ("/core/extract/sniff/late-pdf-header", test_sniff_late_pdf_header);
  g_test_add_func ("/core/extract/unsupported", test_unsupported);

  g_test_add_func ("/core/extract/pdf/text", test_pdf_text);
  g_test_add_func ("/core/extract/pdf/rejoin", test_pdf_rejoin);
  g_test_add_func ("/core/extract/pdf/info", test_pdf_info);
  g_test_add_func ("/core/extract/pdf/epaper", test_pdf_epaper);
  g_test_add_func ("/core/extract/pdf/long", test_pdf_long);
  g_test_add_func ("/core/extract/pdf/wrapped-heading", test_pdf_wrapped_heading);
  g_test_add_func ("/core/extract/pdf/named-html", test_pdf_named_html);
  g_test_add_func ("/core/extract/pdf/leading-junk", test_pdf_leading_junk);
  g_test_add_func ("/core/extract/pdf/encrypted", test_pdf_encrypted);
  g_test_add_func ("/core/extract/pdf/owner-password", test_pdf_owner_password);
  g_test_add_func ("/core/extract/pdf/truncated", test_pdf_truncated);
  g_test_add_func ("/core/extract/pdf/image-only", test_pdf_image_only);
  if (g_test_perf ())
    g_test_add_func ("/core/extract/pdf/speed", test_pdf_speed);

  for (guint i = 0; i < G_N_ELEMENTS (charset_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/html/charset/%s",
                                               charset_cases[i].name);

      g_test_add_data_func (path, &charset_cases[i], test_html_charset);
    }
  for (guint i = 0; i < G_N_ELEMENTS (title_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/html/title/%s", title_cases[i].name);

      g_test_add_data_func (path, &title_cases[i], test_html_title);
    }
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/html/date/%s", date_cases[i].name);

      g_test_add_data_func (path, &date_cases[i], test_html_date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outlet_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/html/outlet/%s",
                                               outlet_cases[i].name);

      g_test_add_data_func (path, &outlet_cases[i], test_html_outlet);
    }
  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/extract/html/source-url/%s",
                                               url_cases[i].name);

      g_test_add_data_func (path, &url_cases[i], test_html_source_url);
    }
  g_test_add_func ("/core/extract/html/chrome", test_html_chrome);
  g_test_add_func ("/core/extract/html/deep-nesting", test_html_deep_nesting);
  g_test_add_func ("/core/extract/html/nul-bytes", test_html_nul_bytes);
  g_test_add_func ("/core/extract/html/embed", test_html_embed);
  g_test_add_func ("/core/extract/html/empty", test_html_empty);
  g_test_add_func ("/core/extract/html/malformed", test_html_malformed);
  g_test_add_func ("/core/extract/html/bounded-memory", test_html_bounded_memory);

  g_test_add_func ("/core/extract/parallel", test_parallel);
  g_test_add_func ("/core/extract/cancelled", test_cancelled);

  return g_test_run ();
}
