/* Write speeds of the Data, TrackAtOnce and RawCD formats: the drive's descriptors for
 * the current medium as IMAPI sectors per second, SetWriteSpeed and the
 * Requested/Current getters:
 *  - SetWriteSpeed(0) and values below -1: E_INVALIDARG;
 *  - CurrentWriteSpeed / CurrentRotationTypeIsPureCAV before any SetWriteSpeed: the
 *    fastest descriptor for the current medium;
 *  - SupportedWriteSpeeds: CD speeds in 2352-byte sectors (75 = 1x), DVD/BD in 2048-byte
 *    blocks, highest first, duplicates dropped. */
#ifndef FORMAT_SPEED_H
#define FORMAT_SPEED_H

#include "format_common.h"

struct format_speed
{
    LONG requested;          /* -1: fastest */
    BOOL requested_cav;
    BOOL set;                /* SetWriteSpeed reached the drive */
    LONG current;
    BOOL current_cav;
};

void format_speed_init(struct format_speed *s);
HRESULT format_speed_set(struct format_base *base, struct format_speed *s, LONG speed, VARIANT_BOOL pure_cav);
HRESULT format_speed_current(struct format_base *base, struct format_speed *s, LONG *value);
HRESULT format_speed_current_cav(struct format_base *base, struct format_speed *s, VARIANT_BOOL *value);
HRESULT format_speed_supported(struct format_base *base, SAFEARRAY **value);
HRESULT format_speed_descriptors(struct format_base *base, SAFEARRAY **value);

#endif
