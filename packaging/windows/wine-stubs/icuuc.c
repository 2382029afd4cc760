/* Test-only stand-in for Wine (never shipped): ICU converters that never open, so Qt falls
 * back to its own UTF-8/UTF-16/Latin-1 codecs. Every other import Qt6Core names is there
 * only to be found; none is called once ucnv_open fails. */
#include <stddef.h>

#define U_FILE_ACCESS_ERROR 4

void *ucnv_open(const char *name, int *status)
{
    (void)name;
    if (status != NULL && *status <= 0)
        *status = U_FILE_ACCESS_ERROR;
    return NULL;
}

int ucnv_countAvailable(void) { return 0; }

#define STUB(name) int name(void) { return 0; }
STUB(ucnv_close)
STUB(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
STUB(UCNV_TO_U_CALLBACK_SUBSTITUTE)
STUB(ucnv_reset)
STUB(ucnv_getMaxCharSize)
STUB(ucnv_getName)
STUB(ucnv_getToUCallBack)
STUB(ucnv_getFromUCallBack)
STUB(ucnv_setToUCallBack)
STUB(ucnv_setFromUCallBack)
STUB(ucnv_cbToUWriteUChars)
STUB(ucnv_toUnicode)
STUB(ucnv_cbFromUWriteUChars)
STUB(ucnv_toUCountPending)
STUB(ucnv_fromUCountPending)
STUB(ucnv_getStandardName)
STUB(ucnv_getAvailableName)
STUB(ucnv_fromUnicode)
