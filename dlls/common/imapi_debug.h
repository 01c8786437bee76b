/* Trace channels switchable the Wine way: WINEDEBUG=+imapi2, WINEDEBUG=trace+imapi2fs,
 * WINEDEBUG=-all, fixme-imapi2 ... Errors and fixmes print by default, traces on request.
 * Each DLL defines its channel with IMAPI_DEFAULT_DEBUG_CHANNEL(name) in one file; TRACE,
 * WARN, FIXME and ERR write to it. A file may declare a further channel of its own with
 * IMAPI_DECLARE_DEBUG_CHANNEL(name) and write to it with TRACE_(name)(...), WARN_(name),
 * FIXME_(name), ERR_(name) and TRACE_ON_(name), as Wine's WINE_DECLARE_DEBUG_CHANNEL. */
#ifndef IMAPI_DEBUG_H
#define IMAPI_DEBUG_H

#include <windows.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

enum imapi_debug_class { IMAPI_DBG_ERR, IMAPI_DBG_WARN, IMAPI_DBG_FIXME, IMAPI_DBG_TRACE };

struct imapi_debug_channel
{
    const char *name;
    LONG flags;  /* bit per class; bit 31 set once WINEDEBUG has been read */
};

extern struct imapi_debug_channel imapi_channel;

BOOL imapi_debug_enabled(struct imapi_debug_channel *ch, enum imapi_debug_class cls);
void imapi_debug_log(struct imapi_debug_channel *ch, enum imapi_debug_class cls, const char *func,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Formatting helpers returning short-lived strings (a small ring of buffers). */
const char *imapi_dbgstr_w(const WCHAR *s);
const char *imapi_dbgstr_guid(const GUID *g);
const char *imapi_dbgstr_variant(const VARIANT *v);
const char *imapi_dbgstr_longlong(ULONGLONG n);

#define IMAPI_LOG(cls, ...) do { if (imapi_debug_enabled(&imapi_channel, cls)) \
    imapi_debug_log(&imapi_channel, cls, __func__, __VA_ARGS__); } while (0)
#define TRACE(...) IMAPI_LOG(IMAPI_DBG_TRACE, __VA_ARGS__)
#define WARN(...)  IMAPI_LOG(IMAPI_DBG_WARN, __VA_ARGS__)
#define FIXME(...) IMAPI_LOG(IMAPI_DBG_FIXME, __VA_ARGS__)
#define ERR(...)   IMAPI_LOG(IMAPI_DBG_ERR, __VA_ARGS__)
#define TRACE_ON() imapi_debug_enabled(&imapi_channel, IMAPI_DBG_TRACE)

#define debugstr_w imapi_dbgstr_w
#define debugstr_guid imapi_dbgstr_guid
#define debugstr_variant imapi_dbgstr_variant
#define wine_dbgstr_longlong imapi_dbgstr_longlong

#define IMAPI_DEFAULT_DEBUG_CHANNEL(ch) struct imapi_debug_channel imapi_channel = { #ch, 0 }

/* A further channel (e.g. imapi2cdb), private to the file declaring it. */
#define IMAPI_DECLARE_DEBUG_CHANNEL(ch) static struct imapi_debug_channel imapi_channel_##ch = { #ch, 0 }
/* TRACE_(ch)("fmt", args...): the macro opens the test and ends in IMAPI_DBG_LOG_, which
 * takes the parenthesized arguments that follow in the source (Wine's __WINE_DPRINTF shape). */
#define IMAPI_DPRINTF_(cls, chp) do { if (imapi_debug_enabled((chp), (cls))) { \
    struct imapi_debug_channel *const imapi_dbch_ = (chp); \
    const enum imapi_debug_class imapi_dbcl_ = (cls); IMAPI_DBG_LOG_
#define IMAPI_DBG_LOG_(...) imapi_debug_log(imapi_dbch_, imapi_dbcl_, __func__, __VA_ARGS__); } } while (0)
#define TRACE_(ch) IMAPI_DPRINTF_(IMAPI_DBG_TRACE, &imapi_channel_##ch)
#define WARN_(ch)  IMAPI_DPRINTF_(IMAPI_DBG_WARN, &imapi_channel_##ch)
#define FIXME_(ch) IMAPI_DPRINTF_(IMAPI_DBG_FIXME, &imapi_channel_##ch)
#define ERR_(ch)   IMAPI_DPRINTF_(IMAPI_DBG_ERR, &imapi_channel_##ch)
#define TRACE_ON_(ch) imapi_debug_enabled(&imapi_channel_##ch, IMAPI_DBG_TRACE)

/* The one way to leave a method unimplemented: logs a FIXME naming the interface
 * member and returns E_NOTIMPL. tools/status.py counts these to report progress. */
#define IMAPI_STUB(iface, member) imapi_stub(__func__, #iface, #member)
HRESULT imapi_stub(const char *func, const char *iface, const char *member);

#endif
