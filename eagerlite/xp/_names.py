"""The names of the Python Array API standard (2025.12), by kind, and eagerlite's additions."""

from __future__ import annotations

VERSION = "2025.12"
VERSIONS = ("2021.12", "2022.12", "2023.12", "2024.12", "2025.12")

DTYPES = (
    "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float32 float64 complex64 complex128"
).split()
CONSTANTS = ("e", "inf", "nan", "newaxis", "pi")

# elementwise functions of one array
UNARY = (
    "abs acos acosh asin asinh atan atanh bitwise_invert ceil conj cos cosh exp expm1 floor "
    "imag isfinite isinf isnan log log1p log2 log10 logical_not negative positive real "
    "reciprocal round sign signbit sin sinh square sqrt tan tanh trunc"
).split()
# elementwise functions of two arrays (either may be a Python scalar)
BINARY = (
    "add atan2 bitwise_and bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor "
    "copysign divide equal floor_divide greater greater_equal hypot less less_equal "
    "logaddexp logical_and logical_or logical_xor maximum minimum multiply nextafter "
    "not_equal pow remainder subtract"
).split()
CREATION = (
    "arange asarray empty empty_like eye from_dlpack full full_like linspace meshgrid ones "
    "ones_like tril triu zeros zeros_like"
).split()
DATA_TYPE = "astype can_cast finfo iinfo isdtype result_type".split()
OTHER = (
    # elementwise with bounds
    "clip "
    # indexing
    "take take_along_axis "
    # linear algebra
    "matmul matrix_transpose tensordot vecdot "
    # manipulation
    "broadcast_arrays broadcast_shapes broadcast_to concat expand_dims flip moveaxis "
    "permute_dims repeat reshape roll squeeze stack tile unstack "
    # searching
    "argmax argmin count_nonzero nonzero searchsorted where "
    # sets
    "isin unique_all unique_counts unique_inverse unique_values "
    # sorting
    "argsort sort "
    # statistics
    "cumulative_sum cumulative_prod max mean min prod std sum var "
    # utilities
    "all any diff"
).split()
FUNCTIONS = (*UNARY, *BINARY, *CREATION, *DATA_TYPE, *OTHER)

LINALG = (
    "cholesky cross det diagonal eig eigh eigvals eigvalsh inv matmul matrix_norm "
    "matrix_power matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals "
    "tensordot trace vecdot vector_norm"
).split()
FFT = (
    "fft ifft fftn ifftn rfft irfft rfftn irfftn hfft ihfft fftfreq rfftfreq fftshift ifftshift"
).split()
INFO = "capabilities default_device default_dtypes devices dtypes".split()

# what library authors reach for next, in every namespace too
BEYOND = (
    "logsumexp sigmoid log_sigmoid relu softplus erf einsum split swapaxes isclose allclose "
    "nan_to_num median quantile outer one_hot"
).split()

# the array object's attributes and methods (beyond the operators)
ARRAY_ATTRIBUTES = "dtype device mT ndim shape size T".split()
