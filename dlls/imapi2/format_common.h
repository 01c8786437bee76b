/* The IDiscFormat2 base shared by the four format objects (Data, Erase, TrackAtOnce,
 * RawCD): the recorder, the client name, the five IDiscFormat2 members and the plain
 * flags. Each format object embeds a struct format_base and forwards to these helpers;
 * the media rules themselves are the core's (core/mmc/mmc_media.h, per format kind).
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/format_data.c):
 *  - the three IDiscFormat2 properties (MediaPhysicallyBlank, MediaHeuristicallyBlank,
 *    SupportedMediaTypes) and every property that needs the drive, asked before
 *    put_Recorder: E_IMAPI_RECORDER_REQUIRED (the code CurrentPhysicalMediaType and the
 *    speed properties document for exactly this case); a NULL output pointer first;
 *  - IsRecorderSupported / IsCurrentMediaSupported answer "no" as S_OK with VARIANT_FALSE
 *    (the page allows "S_OK or S_FALSE"; S_OK keeps `hr == S_OK && value` callers and
 *    scripts alike working), except RawCD's documented E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED
 *    answer to IsRecorderSupported;
 *  - IsCurrentMediaSupported without a disc: E_IMAPI_RECORDER_MEDIA_NO_MEDIA and FALSE
 *    (the Windows 7 behaviour; Vista answered S_OK + FALSE);
 *  - a recorder that is not initialized: E_IMAPI_RECORDER_REQUIRED from every member that
 *    needs the drive, IsRecorderSupported included (it is what the recorder answers);
 *  - put_Recorder(NULL): E_POINTER; a recorder object without IDiscRecorder2Ex (not ours,
 *    not a real MsftDiscRecorder2): E_INVALIDARG;
 *  - get_Recorder before put_Recorder: S_OK and NULL (as IWriteEngine2::get_Recorder). */
#ifndef FORMAT_COMMON_H
#define FORMAT_COMMON_H

#include "imapi2_private.h"
#include "recorder_ex_transport.h"
#include "mmc/mmc_media.h"

/* The per-format HRESULTs of the shared members. */
struct format_codes
{
    HRESULT recorder_not_supported;   /* put_Recorder with a recorder the format cannot use */
    HRESULT write_in_progress;        /* put_Recorder / put_ClientName during a write */
    HRESULT client_name_invalid;
    /* Erase only (0 elsewhere): put_Recorder of another drive while one is set answers
     * this, and put_Recorder(NULL) clears the recorder instead of E_POINTER [doc: "must
     * clear the current recorder before setting another"]. */
    HRESULT only_one_recorder;
    HRESULT media_is_prepared;        /* TAO / RawCD: put_Recorder / put_ClientName while prepared */
};

struct format_base
{
    enum mmc_format_kind kind;
    const struct format_codes *codes;
    IDiscRecorder2 *recorder;         /* put_Recorder's, AddRef'ed; NULL until then */
    BSTR client_name;
    volatile LONG writing;            /* a Write (or the format's own burn) runs */
    BOOL prepared;                    /* TAO / RawCD: between PrepareMedia and ReleaseMedia */
};

void format_base_init(struct format_base *base, enum mmc_format_kind kind, const struct format_codes *codes);
void format_base_cleanup(struct format_base *base);

/* The drive behind a recorder, reached through its IDiscRecorder2Ex (as the write
 * engine does), so the core's queries run on whatever recorder the client handed us. */
struct format_drive
{
    IDiscRecorder2Ex *ex;
    struct recorder_ex_transport transport;
    mmc_device dev;
};

HRESULT format_drive_open(IDiscRecorder2 *recorder, struct format_drive *drive);
void format_drive_close(struct format_drive *drive);
/* A failed core call: the recorder's own HRESULT when a command failed outright
 * (E_IMAPI_RECORDER_REQUIRED for an uninitialized recorder, LOCKED, ...). */
HRESULT format_drive_result(struct format_drive *drive, HRESULT hr);
/* Opens the base's recorder and queries the media facts (E_IMAPI_RECORDER_REQUIRED
 * without a recorder). On success the drive stays open for the caller to close. */
HRESULT format_query(struct format_base *base, struct format_drive *drive, mmc_media_facts *facts);
/* The same, closing the drive at once. */
HRESULT format_facts(struct format_base *base, mmc_media_facts *facts);

/* IDiscFormat2 */
HRESULT format_is_recorder_supported(enum mmc_format_kind kind, IDiscRecorder2 *recorder, VARIANT_BOOL *value);
HRESULT format_is_current_media_supported(enum mmc_format_kind kind, IDiscRecorder2 *recorder, VARIANT_BOOL *value);
HRESULT format_media_physically_blank(struct format_base *base, VARIANT_BOOL *value);
HRESULT format_media_heuristically_blank(struct format_base *base, VARIANT_BOOL *value);
HRESULT format_supported_media_types(struct format_base *base, SAFEARRAY **value);

/* Recorder and ClientName of every format. */
HRESULT format_put_recorder(struct format_base *base, IDiscRecorder2 *value);
HRESULT format_get_recorder(struct format_base *base, IDiscRecorder2 **value);
HRESULT format_put_client_name(struct format_base *base, BSTR value);
/* Before any put, ClientName reads as an empty string [undoc choice]. */
HRESULT format_get_client_name(struct format_base *base, BSTR *out);
HRESULT format_current_media_type(struct format_base *base, IMAPI_MEDIA_PHYSICAL_TYPE *value);

HRESULT format_get_flag(BOOL flag, VARIANT_BOOL *out);
HRESULT format_get_long(LONG v, LONG *out);

/* The common tail of the four IDiscFormat2 vtables: `prefix`_IsRecorderSupported ...
 * `prefix`_get_SupportedMediaTypes forwarding to the base at `field` of Type. */
#define FORMAT_IDISCFORMAT2_METHODS(prefix, Iface, Type, field) \
    static HRESULT WINAPI prefix##_IsRecorderSupported(Iface *iface, IDiscRecorder2 *recorder, VARIANT_BOOL *value) \
    { TRACE("%p %p %p\n", iface, recorder, value); \
      return format_is_recorder_supported(prefix##_impl(iface)->field.kind, recorder, value); } \
    static HRESULT WINAPI prefix##_IsCurrentMediaSupported(Iface *iface, IDiscRecorder2 *recorder, VARIANT_BOOL *value) \
    { TRACE("%p %p %p\n", iface, recorder, value); \
      return format_is_current_media_supported(prefix##_impl(iface)->field.kind, recorder, value); } \
    static HRESULT WINAPI prefix##_get_MediaPhysicallyBlank(Iface *iface, VARIANT_BOOL *value) \
    { TRACE("%p %p\n", iface, value); \
      return format_media_physically_blank(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_get_MediaHeuristicallyBlank(Iface *iface, VARIANT_BOOL *value) \
    { TRACE("%p %p\n", iface, value); \
      return format_media_heuristically_blank(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_get_SupportedMediaTypes(Iface *iface, SAFEARRAY **value) \
    { TRACE("%p %p\n", iface, value); \
      return format_supported_media_types(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_put_Recorder(Iface *iface, IDiscRecorder2 *value) \
    { TRACE("%p %p\n", iface, value); \
      return format_put_recorder(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_get_Recorder(Iface *iface, IDiscRecorder2 **value) \
    { TRACE("%p %p\n", iface, value); \
      return format_get_recorder(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_put_ClientName(Iface *iface, BSTR value) \
    { TRACE("%p %s\n", iface, debugstr_w(value)); \
      return format_put_client_name(&prefix##_impl(iface)->field, value); } \
    static HRESULT WINAPI prefix##_get_ClientName(Iface *iface, BSTR *value) \
    { TRACE("%p %p\n", iface, value); \
      return format_get_client_name(&prefix##_impl(iface)->field, value); }

#endif
