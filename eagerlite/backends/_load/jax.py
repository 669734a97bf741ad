from ..jax import bind

bind()
