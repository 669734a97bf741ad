from ...xp import tensor_face
from ..jax import JAXTensor, bind

bind()
tensor_face(JAXTensor)
