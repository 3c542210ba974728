/* Empty: the target exists to export CSystemShims.h to Swift. */
