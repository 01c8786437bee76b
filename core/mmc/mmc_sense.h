/* Sense data and transport status -> HRESULT: the one place where drive
 * complaints become IMAPI error codes. */
#ifndef IMAPI_MMC_SENSE_H
#define IMAPI_MMC_SENSE_H

#include <stdint.h>
#include "mmc_transport.h"
#include "mmc_parse.h"
#include "mmc_hresult.h"

/* Win32-derived HRESULTs the recorder API documents. The core has no windows.h,
 * so they are spelled numerically: HRESULT_FROM_WIN32(x) = 0x80070000 | x. */
#define MMC_HR_DEV_NOT_EXIST   ((int32_t)0x80070037) /* HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST = 55) */
#define MMC_HR_INVALID_HANDLE  ((int32_t)0x80070006) /* HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE = 6) */
#define MMC_HR_INVALIDARG      ((int32_t)0x80070057) /* E_INVALIDARG */
#define MMC_HR_OUTOFMEMORY     ((int32_t)0x8007000E) /* E_OUTOFMEMORY */
#define MMC_HR_POINTER         ((int32_t)0x80004003) /* E_POINTER */

/* Flags returned beside the HRESULT */
#define MMC_SENSE_RETRY          0x01  /* worth repeating the command once as is */
#define MMC_SENSE_UNIT_ATTENTION 0x02  /* sense key 6: something changed (medium, reset) */

/* Maps sense of a command with the given opcode. *flags (may be NULL) gets
 * MMC_SENSE_* bits. Returns 0 for sense that reports success (no sense,
 * recovered error). */
int32_t mmc_sense_to_hresult(uint8_t opcode, const mmc_sense *s, unsigned *flags);

/* Maps a transport status other than GOOD / CHECK CONDITION. */
int32_t mmc_status_to_hresult(int status);

#endif
