"""Layer 1, the foundations: what every other layer builds on, and nothing above.

``errors`` (the exception classes and their messages), ``dtypes`` (the standard's dtype
names and kinds, ``DType``), ``registry`` (one record per framework: the only place that
lists the frameworks, and the lazy loading of each one's namespace), ``pytree`` (nested
tuples, lists and dicts of tensors) and ``checks`` (argument checks every framework
shares).  None of them imports a framework or any other part of eagerlite.
"""
