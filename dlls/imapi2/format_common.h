/* State shared by the format objects (Data, Erase, TrackAtOnce, RawCD) that needs
 * no drive: the client name and plain flags. */
#ifndef FORMAT_COMMON_H
#define FORMAT_COMMON_H

#include "imapi2_private.h"

/* ClientName: non-NULL, non-empty, in the exclusive-access owner character set;
 * otherwise `invalid` (each format has its own CLIENT_NAME_IS_NOT_VALID code). */
HRESULT format_put_client_name(BSTR *slot, BSTR value, HRESULT invalid);
/* Before any put, ClientName reads as an empty string [undoc choice]. */
HRESULT format_get_client_name(BSTR slot, BSTR *out);
HRESULT format_get_flag(BOOL flag, VARIANT_BOOL *out);

#endif
