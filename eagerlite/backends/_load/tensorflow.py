from ..tensorflow import bind

bind()
