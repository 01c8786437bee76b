/* WINEDEBUG parsing and trace output for our channels. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include "imapi_com.h"

#define CLASS_BIT(c) (1 << (c))
#define DEFAULT_FLAGS (CLASS_BIT(IMAPI_DBG_ERR) | CLASS_BIT(IMAPI_DBG_FIXME))
#define PARSED_BIT 0x40000000

static const char *const class_names[] = { "err", "warn", "fixme", "trace" };

/* Apply one WINEDEBUG item such as "+imapi2", "trace-all" or "fixme-imapi2fs". */
static LONG apply_item(const char *item, size_t len, const char *channel, LONG flags)
{
    LONG mask = CLASS_BIT(IMAPI_DBG_ERR) | CLASS_BIT(IMAPI_DBG_WARN) | CLASS_BIT(IMAPI_DBG_FIXME)
                | CLASS_BIT(IMAPI_DBG_TRACE);
    const char *op = NULL;
    size_t i, name_len;
    BOOL set;

    for (i = 0; i < len; i++)
        if (item[i] == '+' || item[i] == '-') { op = item + i; break; }
    if (!op) return flags;
    if (op != item)
    {
        unsigned c;
        mask = 0;
        for (c = 0; c < ARRAY_SIZE(class_names); c++)
            if (strlen(class_names[c]) == (size_t)(op - item) && !strncmp(item, class_names[c], op - item))
                mask = CLASS_BIT(c);
        if (!mask) return flags;
    }
    set = *op == '+';
    name_len = len - (op + 1 - item);
    if (!((name_len == 3 && !strncmp(op + 1, "all", 3))
          || (name_len == strlen(channel) && !strncmp(op + 1, channel, name_len))))
        return flags;
    return set ? (flags | mask) : (flags & ~mask);
}

static LONG parse_winedebug(const char *channel)
{
    char buf[512];
    LONG flags = DEFAULT_FLAGS;
    const char *p;
    DWORD n = GetEnvironmentVariableA("WINEDEBUG", buf, sizeof(buf));

    if (!n || n >= sizeof(buf)) return flags;
    for (p = buf; *p; )
    {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        flags = apply_item(p, len, channel, flags);
        p += len;
        if (*p) p++;
    }
    return flags;
}

BOOL imapi_debug_enabled(struct imapi_debug_channel *ch, enum imapi_debug_class cls)
{
    LONG flags = ch->flags;
    if (!(flags & PARSED_BIT))
    {
        flags = parse_winedebug(ch->name) | PARSED_BIT;
        InterlockedExchange(&ch->flags, flags);
    }
    return (flags & CLASS_BIT(cls)) != 0;
}

void imapi_debug_log(struct imapi_debug_channel *ch, enum imapi_debug_class cls, const char *func,
                     const char *fmt, ...)
{
    char line[1024];
    int n;
    va_list args;

    n = snprintf(line, sizeof(line), "%04lx:%s:%s:%s ", (unsigned long)GetCurrentThreadId(),
                 class_names[cls], ch->name, func);
    if (n < 0 || n >= (int)sizeof(line)) n = 0;
    va_start(args, fmt);
    vsnprintf(line + n, sizeof(line) - n, fmt, args);
    va_end(args);
    fputs(line, stderr);
    fflush(stderr);
}

static char *next_buffer(void)
{
    static char ring[16][256];
    static LONG index;
    return ring[(unsigned)InterlockedIncrement(&index) % ARRAY_SIZE(ring)];
}

const char *imapi_dbgstr_w(const WCHAR *s)
{
    char *buf, *out;
    if (!s) return "(null)";
    buf = next_buffer();
    out = buf;
    *out++ = 'L';
    *out++ = '"';
    while (*s && out < buf + 240)
    {
        if (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\') *out++ = (char)*s;
        else out += sprintf(out, "\\x%04x", *s);
        s++;
    }
    if (*s) { memcpy(out, "...", 3); out += 3; }
    *out++ = '"';
    *out = 0;
    return buf;
}

const char *imapi_dbgstr_guid(const GUID *g)
{
    char *buf;
    if (!g) return "(null)";
    buf = next_buffer();
    sprintf(buf, "{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned long)g->Data1, g->Data2,
            g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5],
            g->Data4[6], g->Data4[7]);
    return buf;
}

/* Like Wine's wine_dbgstr_longlong: hex, the high part only when nonzero. */
const char *imapi_dbgstr_longlong(ULONGLONG n)
{
    char *buf = next_buffer();
    if (n >> 32) sprintf(buf, "%lx%08lx", (unsigned long)(n >> 32), (unsigned long)n);
    else sprintf(buf, "%lx", (unsigned long)n);
    return buf;
}

const char *imapi_dbgstr_variant(const VARIANT *v)
{
    char *buf;
    if (!v) return "(null)";
    buf = next_buffer();
    switch (V_VT(v))
    {
    case VT_EMPTY: return "{VT_EMPTY}";
    case VT_I4: sprintf(buf, "{VT_I4: %ld}", (long)V_I4(v)); break;
    case VT_BOOL: sprintf(buf, "{VT_BOOL: %d}", V_BOOL(v)); break;
    case VT_BSTR: snprintf(buf, 256, "{VT_BSTR: %s}", imapi_dbgstr_w(V_BSTR(v))); break;
    case VT_NULL: return "{VT_NULL}";
    case VT_I2: sprintf(buf, "{VT_I2: %d}", V_I2(v)); break;
    case VT_UI1: sprintf(buf, "{VT_UI1: %u}", V_UI1(v)); break;
    case VT_UI4: sprintf(buf, "{VT_UI4: %lu}", (unsigned long)V_UI4(v)); break;
    case VT_INT: sprintf(buf, "{VT_INT: %d}", V_INT(v)); break;
    case VT_R8: sprintf(buf, "{VT_R8: %g}", V_R8(v)); break;
    case VT_DATE: sprintf(buf, "{VT_DATE: %g}", V_DATE(v)); break;
    case VT_ERROR: sprintf(buf, "{VT_ERROR: %#lx}", (unsigned long)V_ERROR(v)); break;
    case VT_DISPATCH: sprintf(buf, "{VT_DISPATCH: %p}", V_DISPATCH(v)); break;
    case VT_UNKNOWN: sprintf(buf, "{VT_UNKNOWN: %p}", V_UNKNOWN(v)); break;
    case VT_BYREF | VT_VARIANT: sprintf(buf, "{VT_BYREF|VT_VARIANT: %p}", V_VARIANTREF(v)); break;
    default:
        if (V_VT(v) & VT_ARRAY) sprintf(buf, "{vt %#x: array %p}", V_VT(v), V_ARRAY(v));
        else if (V_VT(v) & VT_BYREF) sprintf(buf, "{vt %#x: byref %p}", V_VT(v), V_BYREF(v));
        else sprintf(buf, "{vt %d}", V_VT(v));
        break;
    }
    return buf;
}

HRESULT imapi_stub(const char *func, const char *iface, const char *member)
{
    if (imapi_debug_enabled(&imapi_channel, IMAPI_DBG_FIXME))
        imapi_debug_log(&imapi_channel, IMAPI_DBG_FIXME, func, "%s::%s is not implemented yet\n", iface, member);
    return E_NOTIMPL;
}
